package org.wikipulse.localstack;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs the local stack until Ctrl-C: {@code LocalStackMain [kafkaPort registryPort [workDir]]},
 * ports 0 (the default) meaning any free port.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  private static final String USAGE =
      "Usage: LocalStackMain [kafkaPort registryPort [workDir]] (port 0: any free port)";

  public static void main(String[] args) {
    PrintStream out = System.out;
    if (args.length > 3) {
      exitWith(USAGE);
    }
    int kafkaPort = args.length > 0 ? port(args[0]) : 0;
    int registryPort = args.length > 1 ? port(args[1]) : 0;
    Path workDir =
        args.length > 2 ? Path.of(args[2]) : WorkDir.createTemporary("wikipulse-local-stack-");
    LocalStack stack;
    try {
      stack = LocalStack.start(workDir, kafkaPort, registryPort);
    } catch (LocalStackStartException e) {
      exitWith(e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
    out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
    out.println("Schema registry (Confluent API): " + stack.registryUrl());
    out.println("Press Ctrl-C to stop.");
    String exit = stack.anyProcessExit().join();
    if (!stack.isClosed()) {
      System.err.println(exit + " unexpectedly; stopping the local stack.");
      stack.close();
      System.exit(1);
    }
  }

  private static int port(String arg) {
    try {
      int port = Integer.parseInt(arg);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below like an out-of-range number.
    }
    exitWith("Not a port: '" + arg + "'. " + USAGE);
    return 0;
  }

  private static void exitWith(String message) {
    System.err.println(message);
    System.exit(1);
  }
}
