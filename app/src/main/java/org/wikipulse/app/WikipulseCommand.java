package org.wikipulse.app;

import picocli.CommandLine.Command;

@Command(
    name = "wikipulse",
    mixinStandardHelpOptions = true,
    version = "wikipulse 0.1.0",
    description = {
      "Real-time analysis of Wikimedia edits on Kafka: counts Bot, Human and Unknown edits in"
          + " sliding event-time windows, on Kafka Streams or Spark.",
      "",
      "Start with: wikipulse demo"
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      IngestCommand.class,
      ConsumeCommand.class,
      LocalCommand.class,
      ConfigCommand.class
    })
final class WikipulseCommand {}
