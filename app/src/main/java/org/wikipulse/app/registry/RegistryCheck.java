package org.wikipulse.app.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.wikipulse.adapter.registry.client.ConfluentRegistryClient;
import org.wikipulse.adapter.registry.client.RegistryAuthException;
import org.wikipulse.adapter.registry.client.RegistryException;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.app.kafka.ServiceUnavailableException;
import org.wikipulse.ports.RegistryUnavailableException;

/**
 * Checks, within the connect timeout, that the registry answers as a Confluent-compatible registry
 * with the configured credentials, through the registry client the runtimes use (same HTTP client,
 * credentials and errors), so that a command fails at once with the URL at fault.
 */
public final class RegistryCheck {
  private RegistryCheck() {}

  /**
   * Asks the registry for its subjects, once, within {@code timeout}. A client of its own, so that
   * start checks and readiness probes are not counted as the pipeline's registry requests.
   *
   * @throws ServiceUnavailableException naming the URL when it does not answer as a
   *     Confluent-compatible registry in time
   */
  public static void check(RegistrySettings registry, Duration timeout) {
    String baseUrl = registry.baseUrl();
    ConfluentRegistryClient client =
        new ConfluentRegistryClient(
            registry
                .withTimeouts(timeout, timeout)
                .withRetries(0, registry.initialBackoff())
                .withRetryBudget(timeout));
    try {
      client.checkReachable();
    } catch (RegistryUnavailableException e) {
      if (e.getCause() instanceof IOException io) {
        throw new ServiceUnavailableException(
            "Schema registry not reachable at "
                + baseUrl
                + " ("
                + reason(io)
                + "); check registry.url, or start a local one with `wikipulse local`");
      }
      if (e.getCause() instanceof InterruptedException) {
        throw new ServiceUnavailableException("Interrupted while checking the schema registry");
      }
      throw new ServiceUnavailableException(
          "Schema registry at "
              + baseUrl
              + " answered GET /subjects with a server error ("
              + e.getMessage()
              + "); registry.url must be the root of a Confluent-compatible API"
              + " (Apicurio: http://host:port/apis/ccompat/v7)");
    } catch (RegistryAuthException e) {
      throw new ServiceUnavailableException(
          "Schema registry at "
              + baseUrl
              + " refused access (HTTP "
              + e.httpStatus()
              + ") with "
              + registry.authDescription()
              + "; check registry.basic-auth-user and -password, or registry.bearer-token");
    } catch (RegistryException e) {
      throw new ServiceUnavailableException(
          "Schema registry at "
              + baseUrl
              + " answered HTTP "
              + e.httpStatus()
              + " to GET /subjects; registry.url must be the root of a Confluent-compatible API"
              + " (Apicurio: http://host:port/apis/ccompat/v7)");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof HttpConnectTimeoutException
        || e instanceof HttpTimeoutException
        || e instanceof java.net.SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
