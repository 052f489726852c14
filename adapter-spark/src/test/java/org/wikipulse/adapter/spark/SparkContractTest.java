package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.contract.Capability;
import org.wikipulse.contract.ContractDeadLetter;
import org.wikipulse.contract.ContractPipeline;
import org.wikipulse.contract.ContractRecord;
import org.wikipulse.contract.RuntimeContractSuite;
import org.wikipulse.contract.RuntimeHarness;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.PipelineProgress;

/** The cross-runtime contract, on the Spark query over a memory stream, one batch per feed. */
class SparkContractTest extends RuntimeContractSuite {

  @Override
  protected RuntimeHarness newHarness() {
    return new MemoryStreamHarness();
  }

  private static final class MemoryStreamHarness implements RuntimeHarness {
    private static final String INPUT = "wikimedia";
    private static final String OUTPUT = "wikimedia.processed";
    private static final String DEAD_LETTERS = "wikimedia.dead-letters";

    /** What Spark cannot do, and why: the one place it is said. */
    private static final Map<Capability, String> UNSUPPORTED =
        Map.of(
            Capability.PER_PARTITION_WATERMARK,
            "Spark's watermark is the maximum event time over all partitions minus the lateness,"
                + " so a partition behind the others by more than the lateness loses its records",
            Capability.RECORD_AT_A_TIME_WATERMARK,
            "Spark moves the watermark between micro-batches, so a record late behind an earlier"
                + " record of the same batch still counts",
            Capability.EXACT_EVENT_COUNTERS,
            "Spark drops late data per (window, actor) row after exploding events into windows,"
                + " so numRowsDroppedByWatermark counts rows, not events, and counted is an upper"
                + " bound",
            Capability.LATE_EVENTS_DEAD_LETTERED,
            "being built by spark-exact");

    private ContractPipeline pipeline;
    private MemoryStreamQuery query;
    private CollectedDeadLetters deadLetterSink;
    private long nextOffset;

    @Override
    public Map<Capability, String> unsupported() {
      return UNSUPPORTED;
    }

    @Override
    public void start(ContractPipeline pipeline) {
      this.pipeline = pipeline;
      this.deadLetterSink = new CollectedDeadLetters(DEAD_LETTERS);
      EditCountQuery.Settings settings =
          new EditCountQuery.Settings(
              pipeline.windows(), pipeline.codecs().outputSchema(), OUTPUT, deadLetterSink);
      SparkSession session = SharedSpark.newSession();
      QuerySessionConf.apply(session);
      query =
          new MemoryStreamQuery(
              session, records -> EditCountQuery.transform(records, pipeline.codecs(), settings));
    }

    @Override
    public void feed(List<ContractRecord> batch) {
      List<KafkaRecord> records = new ArrayList<>();
      for (ContractRecord record : batch) {
        records.add(
            new KafkaRecord(
                null, record.value(), INPUT, record.partition(), nextOffset++, List.of()));
      }
      query.feed(records);
    }

    @Override
    public void markIdle(int partition) {
      // Nothing to do: no partition ever holds Spark's maximum-based watermark back.
    }

    @Override
    public List<WindowCount> results() {
      List<WindowCount> rows = new ArrayList<>();
      for (Row row : query.sinkRows()) {
        if (!OUTPUT.equals(row.getAs(KafkaColumns.TOPIC))) {
          throw new AssertionError("A row to another topic than " + OUTPUT + ": " + row);
        }
        WindowCount count =
            EditCountRecords.decode((byte[]) row.getAs(KafkaColumns.VALUE), pipeline.registry());
        String key = new String((byte[]) row.getAs(KafkaColumns.KEY), StandardCharsets.UTF_8);
        if (!key.equals(EditCountEncoder.keyOf(count))) {
          throw new AssertionError("Key " + key + " does not match its row " + count);
        }
        rows.add(count);
      }
      return rows;
    }

    @Override
    public List<ContractDeadLetter> deadLetters() {
      List<ContractDeadLetter> deadLetters = new ArrayList<>();
      for (Row row : deadLetterSink.rows()) {
        List<KafkaRecord.Header> headers = KafkaRecord.headersOf(row);
        deadLetters.add(
            new ContractDeadLetter(
                DeadLetterReason.valueOf(header(headers, DeadLetterHeaders.ERROR_CLASS)),
                header(headers, DeadLetterHeaders.ERROR_MESSAGE),
                row.getAs(KafkaColumns.VALUE)));
      }
      return deadLetters;
    }

    private static String header(List<KafkaRecord.Header> headers, String name) {
      return headers.stream()
          .filter(header -> header.key().equals(name))
          .reduce((first, second) -> second)
          .map(KafkaRecord.Header::text)
          .orElseThrow(() -> new AssertionError("Dead letter without header " + name));
    }

    @Override
    public PipelineProgress counters() {
      return query.progress();
    }

    @Override
    public void close() {
      if (query != null) {
        query.close();
      }
    }
  }
}
