package org.wikipulse.bench.pipelines;

import java.nio.file.Path;
import java.util.List;

/**
 * What the harness tells a contestant's child JVM: where to read, where to write.
 *
 * @param contestant which contestant to run
 * @param bootstrapServers the broker
 * @param registryUrl the schema registry
 * @param inputTopic the loaded input topic
 * @param inputSubject the registry subject of the input values
 * @param outputTopic where this contestant writes its rows
 * @param stateDirectory this contestant's own state and checkpoints
 */
record ContestantArgs(
    Contestant contestant,
    String bootstrapServers,
    String registryUrl,
    String inputTopic,
    String inputSubject,
    String outputTopic,
    Path stateDirectory) {

  List<String> toArgs() {
    return List.of(
        contestant.name(),
        bootstrapServers,
        registryUrl,
        inputTopic,
        inputSubject,
        outputTopic,
        stateDirectory.toString());
  }

  static ContestantArgs parse(String[] args) {
    if (args.length != 7) {
      throw new IllegalArgumentException(
          "Expected 7 arguments (contestant, bootstrap, registry, input topic, input subject,"
              + " output topic, state dir), got "
              + args.length);
    }
    return new ContestantArgs(
        Contestant.valueOf(args[0]), args[1], args[2], args[3], args[4], args[5], Path.of(args[6]));
  }

  String outputSubject() {
    return outputTopic + "-value";
  }

  String deadLetterTopic() {
    return outputTopic + "-dlq";
  }
}
