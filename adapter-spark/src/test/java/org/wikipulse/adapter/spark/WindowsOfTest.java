package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.wikipulse.domain.Window;
import org.wikipulse.domain.WindowSpec;

/** Spark's windows, as the query asks for them, against the domain's {@link WindowSpec}. */
class WindowsOfTest {

  /**
   * Purpose: Spark puts each event in the same windows as the domain. Input: instants on, just
   * before and just after window boundaries, before and after the epoch, for the default windows
   * and for 10-minute windows sliding by 1 minute. Pass: for every instant, the same windows as
   * {@link WindowSpec#windowsFor}.
   */
  @Test
  void sameWindowsAsTheDomain() {
    List<Instant> instants = new ArrayList<>();
    for (Instant base :
        List.of(
            Instant.parse("2024-04-26T00:00:00Z"),
            Instant.EPOCH,
            Instant.parse("1969-07-20T20:17:00Z"))) {
      for (long offsetMs : new long[] {0, 1, 29_999, 30_000, 30_001, 59_999, 60_000, -1, -30_000}) {
        instants.add(base.plusMillis(offsetMs));
      }
    }
    for (WindowSpec spec :
        List.of(
            WindowSpec.DEFAULT,
            new WindowSpec(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ZERO))) {
      assertThat(sparkWindows(instants, spec)).isEqualTo(domainWindows(instants, spec));
    }
  }

  private static Map<Instant, List<Window>> sparkWindows(List<Instant> instants, WindowSpec spec) {
    SparkSession session = SharedSpark.newSession();
    QuerySessionConf.apply(session);
    StructType schema = new StructType().add("t", DataTypes.TimestampType, false);
    List<Row> rows = instants.stream().map(t -> RowFactory.create(Timestamp.from(t))).toList();
    Map<Instant, List<Window>> windows = new TreeMap<>();
    for (Row row :
        session
            .createDataFrame(rows, schema)
            .select(col("t"), EditCountQuery.windowsOf(col("t"), spec).as("w"))
            .collectAsList()) {
      Row window = row.getStruct(1);
      windows
          .computeIfAbsent(row.getTimestamp(0).toInstant(), t -> new ArrayList<>())
          .add(new Window(window.getTimestamp(0).toInstant(), window.getTimestamp(1).toInstant()));
    }
    windows.values().forEach(list -> list.sort(null));
    return windows;
  }

  private static Map<Instant, List<Window>> domainWindows(List<Instant> instants, WindowSpec spec) {
    Map<Instant, List<Window>> windows = new TreeMap<>();
    for (Instant t : instants) {
      windows.put(t, spec.windowsFor(t));
    }
    return windows;
  }
}
