package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.EditCountRecords;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.WireCodecs;
import org.wikipulse.testkit.InMemoryRegistryConnector;
import org.wikipulse.testkit.InMemorySchemaRegistry;

/**
 * The output key and value columns against the ports' definitions: the key of {@link
 * EditCountEncoder#keyOf}, the value byte for byte as the registry adapter's encoder writes it.
 */
class OutputColumnsTest {
  private static final StructType WINDOW =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("start", DataTypes.TimestampType, false),
            DataTypes.createStructField("end", DataTypes.TimestampType, false)
          });
  private static final StructType COUNTS =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("window", WINDOW, false),
            DataTypes.createStructField("actor", DataTypes.StringType, false),
            DataTypes.createStructField("count", DataTypes.LongType, false)
          });

  /**
   * Purpose: Spark writes what every runtime writes. Input: rows for each actor, before and after
   * the epoch, with millisecond starts and a large count. Pass: keys equal {@code keyOf}, values
   * equal the encoder's bytes and decode back to the row.
   */
  @Test
  void keyAndValueEqualThePortsDefinitions() {
    String registryName = "spark-output-" + UUID.randomUUID();
    WireCodecs codecs =
        new ConfluentWireCodecs(new InMemoryRegistryConnector(registryName), "out-value");
    OutputSchema schema = codecs.outputSchema();
    List<WindowCount> counts =
        List.of(
            count("2024-04-26T00:00:30Z", 60_000, Actor.BOT, 1),
            count("2024-04-26T00:00:30Z", 60_000, Actor.HUMAN, 12_345_678_901L),
            count("1969-12-31T23:59:30Z", 60_000, Actor.UNKNOWN, 3),
            count("2024-02-29T23:59:59.123Z", 1_000, Actor.HUMAN, 7));
    List<Row> rows = new ArrayList<>();
    for (WindowCount count : counts) {
      rows.add(
          RowFactory.create(
              RowFactory.create(
                  Timestamp.from(count.windowStart()), Timestamp.from(count.windowEnd())),
              count.actor().label(),
              count.count()));
    }
    SparkSession session = SharedSpark.newSession();
    QuerySessionConf.apply(session);

    List<Row> written =
        session
            .createDataFrame(rows, COUNTS)
            .select(
                OutputColumns.key(col("window.start"), col("actor")).as("key"),
                OutputColumns.value(schema, col("window"), col("actor"), col("count")).as("value"))
            .collectAsList();

    EditCountEncoder encoder = codecs.newEncoder();
    for (int i = 0; i < counts.size(); i++) {
      WindowCount count = counts.get(i);
      byte[] value = written.get(i).getAs("value");
      assertThat(new String(written.get(i).<byte[]>getAs("key"), StandardCharsets.UTF_8))
          .isEqualTo(EditCountEncoder.keyOf(count));
      assertThat(value).isEqualTo(encoder.encode(count));
      assertThat(EditCountRecords.decode(value, InMemorySchemaRegistry.named(registryName)))
          .isEqualTo(count);
    }
  }

  private static WindowCount count(String start, long sizeMs, Actor actor, long count) {
    Instant from = Instant.parse(start);
    return new WindowCount(from, from.plusMillis(sizeMs), actor, count);
  }
}
