package org.wikipulse.app.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.wikipulse.app.config.KafkaSettings.HostAndPort;
import org.wikipulse.app.config.WikipulseConfig;

/**
 * Checks, within the configured connect timeout, that a broker answers, so that a command fails at
 * once with the address at fault instead of hanging in a client's retry loop.
 */
public final class KafkaCheck {
  private KafkaCheck() {}

  /**
   * Opens a TCP connection to each bootstrap address, then asks the cluster to describe itself.
   *
   * @throws ServiceUnavailableException naming the addresses when no broker answers in time
   */
  public static void check(WikipulseConfig config) {
    Duration timeout = config.connectTimeout();
    List<String> failures = new ArrayList<>();
    boolean anyReachable = false;
    for (HostAndPort address : config.kafka().addresses()) {
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
        anyReachable = true;
        break;
      } catch (IOException e) {
        failures.add(address + " (" + reason(e) + ")");
      }
    }
    if (!anyReachable) {
      throw new ServiceUnavailableException(
          "Kafka broker not reachable at "
              + String.join(", ", failures)
              + "; check kafka.bootstrap-servers, or start a local one with `wikipulse local`");
    }
    try (Admin admin = KafkaClients.admin(config)) {
      admin.describeCluster().clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw notABroker(config, timeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw notABroker(config, timeout);
      }
      throw new ServiceUnavailableException(
          "Kafka at "
              + config.kafka().bootstrapServers()
              + " refused the request: "
              + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("Interrupted while checking Kafka");
    }
  }

  private static ServiceUnavailableException notABroker(WikipulseConfig config, Duration timeout) {
    return new ServiceUnavailableException(
        "Kafka at "
            + config.kafka().bootstrapServers()
            + " accepts connections but did not answer as a Kafka broker within "
            + timeout.toSeconds()
            + " s; check kafka.bootstrap-servers, the broker's advertised.listeners, and"
            + " kafka.client.security.protocol (here "
            + config.kafkaClientProperties().getOrDefault("security.protocol", "PLAINTEXT")
            + ") with the other kafka.client.* settings a secured listener needs");
  }

  private static String reason(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
