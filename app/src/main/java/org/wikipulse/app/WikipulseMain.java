package org.wikipulse.app;

import java.io.PrintWriter;
import org.wikipulse.adapter.registry.client.RegistryException;
import org.wikipulse.app.config.ConfigException;
import org.wikipulse.app.ingest.SseException;
import org.wikipulse.app.kafka.ServiceUnavailableException;
import org.wikipulse.ports.RegistryUnavailableException;
import picocli.CommandLine;

/**
 * The {@code wikipulse} command. Exit codes: 0 done, 1 failed while running, 2 bad command line or
 * configuration, 3 broker or registry unavailable.
 */
public final class WikipulseMain {
  static final int FAILED = 1;
  static final int BAD_USAGE = 2;
  static final int UNAVAILABLE = 3;

  private WikipulseMain() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line without exiting, with output to the given writers. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  static int execute(String... args) {
    return commandLine().execute(args);
  }

  private static CommandLine commandLine() {
    return new CommandLine(new WikipulseCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              PrintWriter err = commandLine.getErr();
              int code;
              if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                code = BAD_USAGE;
              } else if (e instanceof ServiceUnavailableException
                  || e instanceof RegistryUnavailableException
                  || e instanceof SseException) {
                code = UNAVAILABLE;
              } else {
                code = FAILED;
              }
              String prefix = e instanceof RegistryException ? "schema registry: " : "";
              err.println("wikipulse: " + prefix + e.getMessage());
              if (code == FAILED && System.getenv("WIKIPULSE_DEBUG") != null) {
                e.printStackTrace(err);
              } else if (code == FAILED) {
                err.println(
                    "wikipulse: ("
                        + e.getClass().getName()
                        + "; set WIKIPULSE_DEBUG=1"
                        + " for the stack trace)");
              }
              err.flush();
              return code;
            });
  }
}
