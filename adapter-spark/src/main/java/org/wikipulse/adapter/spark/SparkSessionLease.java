package org.wikipulse.adapter.spark;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikipulse.ports.AnalysisRuntime;

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
  private static final Object PREPARED_LOCK = new Object();
  private static Prepared prepared;
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
   * Acquires a lease on a thread of its own, so that the context starts while the launcher checks
   * its services: the next {@link #acquire} with the same properties takes that lease over (waiting
   * for it if need be), and closing the handle closes the lease if none did.
   */
  static AnalysisRuntime.Preparation prepare(String appName, Map<String, String> engineProperties) {
    Prepared ahead = new Prepared(Map.copyOf(engineProperties));
    synchronized (PREPARED_LOCK) {
      if (prepared != null) {
        return AnalysisRuntime.Preparation.NONE;
      }
      prepared = ahead;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                ahead.lease.complete(acquireNew(appName, engineProperties));
              } catch (RuntimeException | Error e) {
                ahead.lease.completeExceptionally(e);
              }
            },
            "wikipulse-spark-context");
    thread.setDaemon(true);
    thread.start();
    return ahead;
  }

  /**
   * @param engineProperties {@code spark.*} entries are applied: those of the context only when
   *     this lease creates it, the SQL ones always
   */
  static SparkSessionLease acquire(String appName, Map<String, String> engineProperties) {
    Prepared ahead = takePrepared(engineProperties);
    if (ahead == null) {
      return acquireNew(appName, engineProperties);
    }
    try {
      return ahead.lease.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Prepared takePrepared(Map<String, String> engineProperties) {
    synchronized (PREPARED_LOCK) {
      Prepared ahead = prepared;
      if (ahead == null || !ahead.engineProperties.equals(engineProperties)) {
        return null;
      }
      prepared = null;
      ahead.takenOver = true;
      return ahead;
    }
  }

  /** A lease being acquired ahead of its pipeline. */
  private static final class Prepared implements AnalysisRuntime.Preparation {
    final Map<String, String> engineProperties;
    final CompletableFuture<SparkSessionLease> lease = new CompletableFuture<>();
    boolean takenOver;

    Prepared(Map<String, String> engineProperties) {
      this.engineProperties = engineProperties;
    }

    @Override
    public void close() {
      synchronized (PREPARED_LOCK) {
        if (takenOver) {
          return;
        }
        takenOver = true;
        if (prepared == this) {
          prepared = null;
        }
      }
      try {
        lease.join().close();
      } catch (CompletionException e) {
        LOG.debug("The Spark context prepared ahead did not start: {}", e.getCause().getMessage());
      }
    }
  }

  private static SparkSessionLease acquireNew(
      String appName, Map<String, String> engineProperties) {
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
