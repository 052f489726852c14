package org.wikipulse.adapter.kstreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Kafka Streams instance keeps in its state directory so that, killed and started again on
 * the same directory, it gets its work back at once instead of waiting for its dead self to time
 * out:
 *
 * <ul>
 *   <li>a <b>static group membership</b> id ({@code group.instance.id}), made once and kept: the
 *       restarted instance rejoins as the same member, so the group coordinator hands it its
 *       partitions without waiting out the dead member's session timeout (45 s);
 *   <li>the <b>process id</b> of the last run, from which its exactly-once producers' transactional
 *       ids follow ({@code <application.id>-<process id>-<thread>}): Kafka Streams keeps its
 *       process id only with persistent stores, and ours are in memory, so a restart has new
 *       transactional ids and the killed run's open transactions would block every {@code
 *       read_committed} reader of the merger's topic until the transaction timeout aborts them.
 *       {@link ZombieFencing} aborts them at start instead.
 * </ul>
 */
final class InstanceIdentity {
  static final String INSTANCE_ID_FILE = "wikipulse-instance-id";
  static final String LAST_RUN_FILE = "wikipulse-last-process";

  private static final Pattern PROCESS_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path directory;

  InstanceIdentity(Path stateDirectory) {
    this.directory = stateDirectory;
  }

  /** The static membership id of this state directory, made on first use. */
  String groupInstanceId(String applicationId) {
    Path file = directory.resolve(INSTANCE_ID_FILE);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!kept.isEmpty()) {
          return kept;
        }
      }
      String made = applicationId + "-" + UUID.randomUUID();
      Files.createDirectories(directory);
      Files.writeString(file, made, StandardCharsets.UTF_8);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the instance id in " + file, e);
    }
  }

  /** The last run's process id and stream-thread count, if one was recorded. */
  Optional<LastRun> lastRun() {
    Path file = directory.resolve(LAST_RUN_FILE);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
      if (fields.length != 2 || !PROCESS_ID.matcher(fields[0]).matches()) {
        return Optional.empty();
      }
      return Optional.of(new LastRun(fields[0], Integer.parseInt(fields[1])));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Records this run's process id, found in a stream thread's name, and its thread count. */
  void recordRun(String streamThreadName, int threads) {
    Matcher m = PROCESS_ID.matcher(streamThreadName);
    if (!m.find()) {
      return;
    }
    Path file = directory.resolve(LAST_RUN_FILE);
    try {
      Files.createDirectories(directory);
      Files.writeString(file, m.group() + " " + threads, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record this run in " + file, e);
    }
  }

  /**
   * A previous run of the instance.
   *
   * @param processId its Kafka Streams process id
   * @param threads how many stream threads it had, numbered from 1
   */
  record LastRun(String processId, int threads) {

    /** Its exactly-once producers' transactional ids. */
    java.util.List<String> transactionalIds(String applicationId) {
      java.util.List<String> ids = new java.util.ArrayList<>();
      for (int thread = 1; thread <= threads; thread++) {
        ids.add(applicationId + "-" + processId + "-" + thread);
      }
      return ids;
    }
  }
}
