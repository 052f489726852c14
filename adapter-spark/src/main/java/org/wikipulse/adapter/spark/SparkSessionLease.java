package org.wikipulse.adapter.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline's own Spark session: an isolated SQL configuration over the JVM's one SparkContext.
 * The context is reused when one is running (a test JVM's shared session, say) and otherwise
 * created from the spec's {@code spark.*} properties over local defaults; a context this class
 * created stops when the last pipeline using it closes.
 */
final class SparkSessionLease implements AutoCloseable {
  static final String DEFAULT_MASTER = "local[*]";

  /** Few shuffle partitions for local runs: Spark's 200 cost more than half the throughput. */
  static final String LOCAL_SHUFFLE_PARTITIONS = "2";

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessionLease.class);
  private static final Object LOCK = new Object();
  private static SparkSession createdBase;
  private static int createdBaseUsers;

  private final SparkSession session;
  private final boolean ownsBase;
  private boolean closed;

  private SparkSessionLease(SparkSession session, boolean ownsBase) {
    this.session = session;
    this.ownsBase = ownsBase;
  }

  /**
   * @param engineProperties {@code spark.*} entries are applied: those of the context only when
   *     this lease creates it, the SQL ones always
   */
  static SparkSessionLease acquire(String appName, Map<String, String> engineProperties) {
    synchronized (LOCK) {
      boolean owns = false;
      SparkSession base;
      if (SparkSession.getDefaultSession().isDefined()) {
        base = SparkSession.getDefaultSession().get();
      } else {
        base = build(appName, engineProperties);
        createdBase = base;
        owns = true;
      }
      if (base == createdBase) {
        createdBaseUsers++;
        owns = true;
      }
      SparkSession session = base.newSession();
      configure(session, engineProperties);
      return new SparkSessionLease(session, owns);
    }
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      if (closed) {
        return;
      }
      closed = true;
      if (ownsBase && --createdBaseUsers == 0) {
        LOG.debug("Stopping the Spark context: its last pipeline closed");
        createdBase.stop();
        createdBase = null;
      }
    }
  }

  private static SparkSession build(String appName, Map<String, String> engineProperties) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("wikipulse " + appName)
            .master(engineProperties.getOrDefault("spark.master", DEFAULT_MASTER))
            // Without these Spark picked a non-loopback address on the development machine.
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // Off unless asked for: it takes a port and start-up time that a pipeline rarely needs.
            .config("spark.ui.enabled", "false");
    engineProperties.forEach(
        (key, value) -> {
          if (key.startsWith("spark.")) {
            builder.config(key, value);
          }
        });
    SparkSession base = builder.getOrCreate();
    LOG.info("Started Spark {} context, master {}", base.version(), base.sparkContext().master());
    return base;
  }

  private static void configure(SparkSession session, Map<String, String> engineProperties) {
    if (session.sparkContext().master().startsWith("local")) {
      session.conf().set("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS);
    }
    engineProperties.forEach(
        (key, value) -> {
          if (key.startsWith("spark.sql.")) {
            session.conf().set(key, value);
          }
        });
  }
}
