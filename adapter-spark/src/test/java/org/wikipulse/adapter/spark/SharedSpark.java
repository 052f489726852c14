package org.wikipulse.adapter.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The test JVM's one local Spark session (starting one costs about 8 s). Tests take {@link
 * #newSession()}: an isolated SQL configuration over the shared context, as the runtime does.
 */
final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("wikipulse adapter-spark tests")
              .master("local[2]")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.streaming.stateStore.maintenanceInterval", "600s")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }

  static SparkSession newSession() {
    return get().newSession();
  }
}
