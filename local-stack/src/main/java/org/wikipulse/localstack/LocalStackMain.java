package org.wikipulse.localstack;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs the local stack until Ctrl-C: {@code LocalStackMain [kafkaPort registryPort [workDir]]},
 * ports 0 (the default) meaning any free port.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    int kafkaPort = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int registryPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path workDir =
        args.length > 2 ? Path.of(args[2]) : WorkDir.createTemporary("wikipulse-local-stack-");
    LocalStack stack;
    try {
      stack = LocalStack.start(workDir, kafkaPort, registryPort);
    } catch (LocalStackStartException e) {
      System.err.println(e.getMessage());
      System.exit(1);
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
}
