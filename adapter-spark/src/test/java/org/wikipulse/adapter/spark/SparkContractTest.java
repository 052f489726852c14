package org.wikipulse.adapter.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/**
 * The cross-runtime contract, on the runtime's micro-batch function over a memory stream, one
 * micro-batch per feed, with a processing-time clock the harness moves for idleness.
 */
class SparkContractTest extends RuntimeContractSuite {

  @Override
  protected RuntimeHarness newHarness() {
    return new MemoryStreamHarness();
  }

  private static final class MemoryStreamHarness implements RuntimeHarness {
    private static final String INPUT = "wikimedia";

    private ContractPipeline pipeline;
    private Path checkpoint;
    private MemoryStreamQuery query;
    private final CollectedOutput output = new CollectedOutput();
    private final ManualClock clock = new ManualClock();
    private final ProgressCounters counters = new ProgressCounters();
    private final Map<Integer, Long> nextOffsets = new HashMap<>();

    @Override
    public Map<Capability, String> unsupported() {
      return Map.of();
    }

    @Override
    public void start(ContractPipeline pipeline) {
      this.pipeline = pipeline;
      try {
        this.checkpoint = Files.createTempDirectory("spark-contract-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      query = new MemoryStreamQuery(SharedSpark.newSession(), newMerge(), checkpoint);
    }

    /** The micro-batch function over this harness's output, which it resumes from. */
    private BatchMerge newMerge() {
      return new BatchMerge(
          new BatchMerge.Settings(
              pipeline.windows(),
              pipeline.partitions(),
              pipeline.idleTimeout(),
              pipeline.lateEvents()),
          pipeline.codecs(),
          output,
          clock,
          counters);
    }

    @Override
    public void feed(List<ContractRecord> batch) {
      List<KafkaRecord> records = new ArrayList<>();
      for (ContractRecord record : batch) {
        long offset = nextOffsets.merge(record.partition(), 1L, Long::sum) - 1;
        records.add(
            new KafkaRecord(null, record.value(), INPUT, record.partition(), offset, List.of()));
      }
      output.fed(records);
      query.feed(records);
    }

    @Override
    public void markIdle(int partition) {
      // Silence on the processing-time clock makes every silent partition idle, as on a broker;
      // the next micro-batch (here one without data) notices it.
      clock.advance(pipeline.idleTimeout().plusSeconds(1));
      query.feed(List.of());
    }

    /**
     * Stops the query, removes the last batch from Spark's commit log (what a crash between the
     * output's commit and Spark's leaves), and starts the query again on the same checkpoint and
     * output: Spark runs that batch again.
     */
    @Override
    public void replayLastBatch() {
      query.stop();
      Path commits = checkpoint.resolve("commits");
      try (Stream<Path> files = Files.list(commits)) {
        long last =
            files
                .map(file -> file.getFileName().toString())
                .filter(name -> name.matches("\\d+"))
                .mapToLong(Long::parseLong)
                .max()
                .orElseThrow(() -> new AssertionError("No committed batch in " + commits));
        Files.delete(commits.resolve(Long.toString(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      query.start(newMerge(), checkpoint);
      query.query().processAllAvailable();
    }

    @Override
    public List<WindowCount> results() {
      List<WindowCount> rows = new ArrayList<>();
      for (BatchOutput.Row row : output.rows()) {
        WindowCount count = EditCountRecords.decode(row.value(), pipeline.registry());
        String key = new String(row.key(), StandardCharsets.UTF_8);
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
      for (DeadLetter deadLetter : output.deadLetters()) {
        Map<String, String> headers = new HashMap<>();
        deadLetter
            .headers()
            .forEach(
                header ->
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        deadLetters.add(
            new ContractDeadLetter(
                DeadLetterReason.valueOf(require(headers, DeadLetterHeaders.ERROR_CLASS)),
                require(headers, DeadLetterHeaders.ERROR_MESSAGE),
                deadLetter.value(),
                headers));
      }
      return deadLetters;
    }

    private static String require(Map<String, String> headers, String name) {
      String value = headers.get(name);
      if (value == null) {
        throw new AssertionError("Dead letter without header " + name);
      }
      return value;
    }

    @Override
    public PipelineProgress counters() {
      return counters.snapshot();
    }

    @Override
    public void close() {
      if (query != null) {
        query.close();
      }
      if (checkpoint != null) {
        try (Stream<Path> files = Files.walk(checkpoint)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
