package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's own lifecycle, apart from the shared stack. */
class KafkaBrokerProcessTest {

  @TempDir Path tempDir;

  @Test
  void closeStopsTheBrokerAndDeletesItsWorkDirectoryAndIsIdempotent() throws Exception {
    Path workDir = tempDir.resolve("kafka");
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(workDir, 0);
    long pid = broker.pid();
    int port = Integer.parseInt(broker.bootstrapServers().split(":")[1]);
    assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");

    broker.close();
    broker.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(workDir).doesNotExist();
    assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
  }

  @Test
  void startsAgainOnOtherPortsWhenAChosenPortWasTakenMeanwhile() throws Exception {
    Path workDir = tempDir.resolve("kafka");
    List<Integer> controllerPortsTried = new ArrayList<>();
    try (ServerSocket takenMeanwhile = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      IntUnaryOperator firstTakenThenFree =
          brokerPort -> {
            int port =
                controllerPortsTried.isEmpty()
                    ? takenMeanwhile.getLocalPort()
                    : FreePort.pickOtherThan(brokerPort);
            controllerPortsTried.add(port);
            return port;
          };

      try (KafkaBrokerProcess broker =
          KafkaBrokerProcess.start(
              LocalStackInstallation.load().kafkaBrokerClasspath(),
              workDir,
              0,
              KafkaBrokerProcess.DEFAULT_START_TIMEOUT,
              firstTakenThenFree)) {
        connect(Integer.parseInt(broker.bootstrapServers().split(":")[1]));
        assertThat(Files.readString(broker.logFile()))
            .contains("Kafka Server started")
            .doesNotContain("Address already in use");
      }
    }
    assertThat(controllerPortsTried).hasSize(2).doesNotHaveDuplicates();
  }

  /**
   * Purpose: a broker killed as a lost node is killed can be brought back where clients expect it,
   * which the broker-restart fault case needs. Pass: after SIGKILL the process is gone and the port
   * refuses connections; after the restart a new process serves the same address, with the topic
   * and the record acknowledged before the kill. Once closed, it can be neither killed nor
   * restarted.
   */
  @Test
  void aKilledBrokerRestartsOnItsLogDirectoryAndPortWithItsRecords() throws Exception {
    KafkaBrokerProcess closed;
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(tempDir.resolve("kafka"), 0)) {
      closed = broker;
      String address = broker.bootstrapServers();
      int port = Integer.parseInt(address.split(":")[1]);
      try (KafkaProducer<String, String> producer = producer(address)) {
        producer.send(new ProducerRecord<>("kept", "key", "acknowledged before the kill")).get();
      }
      long killedPid = broker.pid();

      broker.kill();

      assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);

      broker.restart(KafkaBrokerProcess.DEFAULT_START_TIMEOUT);

      assertThat(broker.bootstrapServers()).isEqualTo(address);
      assertThat(broker.pid()).isNotEqualTo(killedPid);
      assertThat(readAll(address, "kept")).containsExactly("key=acknowledged before the kill");
    }
    assertThatThrownBy(closed::kill).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.restart(Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
    }
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static List<String> readAll(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    TopicPartition partition = new TopicPartition(topic, 0);
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Could not read " + topic + " to offset " + end + " in 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
      }
    }
    return records;
  }

  @Test
  void clusterIdsAreKafkaUuidsThatNoCommandLineMistakesForAnOption() {
    for (int i = 0; i < 200; i++) {
      String id = KafkaBrokerProcess.randomClusterId();
      assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
