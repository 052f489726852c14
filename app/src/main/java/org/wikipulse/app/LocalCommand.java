package org.wikipulse.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.wikipulse.localstack.KafkaBrokerProcess;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.LocalStackStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local Kafka broker (KRaft, no Docker) and an Apicurio schema registry on"
          + " 127.0.0.1, prints their addresses, and stops both on Ctrl-C. Data lives in a"
          + " temporary directory deleted on exit."
    })
final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      description = "Broker port (default 9092, the configuration's default; 0: any free port)")
  int kafkaPort = 9092;

  @Option(
      names = "--registry-port",
      paramLabel = "PORT",
      description = "Registry port (default 8081, the configuration's default; 0: any free port)")
  int registryPort = 8081;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.println("wikipulse: starting Kafka and the schema registry...");
    LocalStack stack;
    try {
      stack =
          LocalStack.start(Files.createTempDirectory("wikipulse-local-"), kafkaPort, registryPort);
    } catch (LocalStackStartException e) {
      err.println("wikipulse: the local stack did not start: " + e.getMessage());
      return 3;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "wikipulse-local-shutdown"));
    out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
    out.println(
        "Kafka SASL/PLAIN listener, to try a secured setup: "
            + stack.saslPlainBootstrapServers()
            + " (user "
            + KafkaBrokerProcess.SASL_USER
            + ", password "
            + KafkaBrokerProcess.SASL_PASSWORD
            + ")");
    out.println("Schema registry (Confluent API): " + stack.registryUrl());
    out.println("For other shells, if you changed the ports:");
    out.println("  export WIKIPULSE_KAFKA_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
    out.println("  export WIKIPULSE_REGISTRY_URL=" + stack.registryUrl());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    String exit = stack.anyProcessExit().join();
    if (!stack.isClosed()) {
      err.println("wikipulse: " + exit + " unexpectedly; stopping the local stack");
      stack.close();
      return 1;
    }
    return 0;
  }
}
