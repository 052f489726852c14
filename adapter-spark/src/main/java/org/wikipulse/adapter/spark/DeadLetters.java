package org.wikipulse.adapter.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.wikipulse.ports.DeadLetterHeaders;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.WireCodecs;
import scala.collection.JavaConverters;

/**
 * Turns records that cannot be decoded into dead-letter rows for the Kafka sink: {@link
 * KafkaColumns#SOURCE} in, {@link KafkaColumns#SINK} out. A dead letter keeps the original key,
 * value and headers and adds the {@link DeadLetterHeaders}, the layout both runtimes write. Records
 * that decode yield nothing here: the counting branch, {@link DecodeEvents}, takes them.
 */
final class DeadLetters implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final WireCodecs codecs;
  private final String deadLetterTopic;

  DeadLetters(WireCodecs codecs, String deadLetterTopic) {
    this.codecs = codecs;
    this.deadLetterTopic = deadLetterTopic;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> records) {
    RetryingDecoder decoder = new RetryingDecoder(codecs.newDecoder());
    return new SkippingIterator(
        records,
        record -> {
          DecodeResult result = decoder.decode((byte[]) record.get(1));
          return result instanceof DecodeResult.Rejected rejected
              ? deadLetter(record, rejected)
              : null;
        });
  }

  private Row deadLetter(Row record, DecodeResult.Rejected rejected) {
    List<Row> headers = new ArrayList<>();
    if (!record.isNullAt(5)) {
      headers.addAll(record.getList(5));
    }
    headers.add(header(DeadLetterHeaders.ERROR_CLASS, rejected.reason().name()));
    headers.add(header(DeadLetterHeaders.ERROR_MESSAGE, rejected.message()));
    headers.add(header(DeadLetterHeaders.SOURCE_TOPIC, record.getString(2)));
    headers.add(header(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(record.getInt(3))));
    headers.add(header(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(record.getLong(4))));
    // The row encoder takes arrays as Scala sequences.
    return RowFactory.create(
        record.get(0), record.get(1), deadLetterTopic, JavaConverters.asScalaBuffer(headers));
  }

  private static Row header(String key, String value) {
    return RowFactory.create(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
