package org.wikipulse.localstack;

import java.nio.file.Path;

/** The configuration files written for the local broker. */
final class KafkaBrokerConfig {

  private KafkaBrokerConfig() {}

  /**
   * Everything goes to stdout, which the launcher appends to {@code broker.log} together with the
   * JVM's own errors, so that one file tells the whole story of a failed start.
   */
  static final String LOG4J_PROPERTIES =
      """
      log4j.rootLogger=INFO, stdout
      log4j.appender.stdout=org.apache.log4j.ConsoleAppender
      log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
      log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
      log4j.logger.kafka.request.logger=WARN
      log4j.logger.state.change.logger=WARN
      """;

  /**
   * @param saslPort a second client listener, SASL/PLAIN without TLS, whose one user is {@link
   *     KafkaBrokerProcess#SASL_USER}: for trying settings meant for a secured cluster locally
   */
  static String serverProperties(int brokerPort, int controllerPort, int saslPort, Path logDir) {
    String loopback = FreePort.LOOPBACK;
    return """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@%2$s:%4$d
        controller.listener.names=CONTROLLER
        listeners=PLAINTEXT://%2$s:%3$d,CONTROLLER://%2$s:%4$d,SASL_PLAINTEXT://%2$s:%5$d
        advertised.listeners=PLAINTEXT://%2$s:%3$d,SASL_PLAINTEXT://%2$s:%5$d
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
        inter.broker.listener.name=PLAINTEXT
        sasl.enabled.mechanisms=PLAIN
        listener.name.sasl_plaintext.plain.sasl.jaas.config=%6$s
        log.dirs=%1$s
        num.partitions=1
        auto.create.topics.enable=false
        # Event-time timestamps are historical: age-based retention would delete fresh records.
        log.retention.ms=-1
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        # One partition each: the first consumer group or transaction creates these topics, and
        # 50 partitions cost seconds on a small machine.
        offsets.topic.num.partitions=1
        transaction.state.log.num.partitions=1
        group.initial.rebalance.delay.ms=0
        # The default 128 MB dedupe buffer is allocated on the heap at start; compacting the
        # offsets topic of a local broker needs far less.
        log.cleaner.dedupe.buffer.size=16777216
        """
        .formatted(
            logDir.toAbsolutePath(),
            loopback,
            brokerPort,
            controllerPort,
            saslPort,
            KafkaBrokerProcess.plainLoginModule(
                "user_"
                    + KafkaBrokerProcess.SASL_USER
                    + "=\""
                    + KafkaBrokerProcess.SASL_PASSWORD
                    + "\""));
  }
}
