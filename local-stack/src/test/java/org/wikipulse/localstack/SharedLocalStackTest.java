package org.wikipulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The shared stack against real clients: what every other module's tests rely on. */
class SharedLocalStackTest {

  private static final Instant IN_2023 = Instant.parse("2023-03-14T15:09:26Z");

  @Test
  void registryAnswersItsConfluentApiWithNoSubjects() throws Exception {
    LocalStack stack = SharedLocalStack.get();

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(stack.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void brokerKeepsARecordWithA2023TimestampAndNeverDeletesByAge() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String topic = "historical-timestamps";
    assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");

    try (Admin admin = Admin.create(clientConfig(stack))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      ConfigResource topicResource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(topicResource)).all().get().get(topicResource);
      assertThat(config.get("retention.ms").value()).isEqualTo("-1");
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(clientConfig(stack), new StringSerializer(), new StringSerializer())) {
      producer
          .send(new ProducerRecord<>(topic, null, IN_2023.toEpochMilli(), "page", "an old edit"))
          .get();
    }

    ConsumerRecord<String, String> record = readFirstRecord(stack, topic);

    assertThat(record.timestamp()).isEqualTo(IN_2023.toEpochMilli());
    assertThat(record.key()).isEqualTo("page");
    assertThat(record.value()).isEqualTo("an old edit");
  }

  @Test
  void brokerDoesNotCreateTopicsOnFirstUse() throws Exception {
    LocalStack stack = SharedLocalStack.get();
    String topic = "never-created";

    try (KafkaConsumer<String, String> consumer = consumer(stack)) {
      assertThat(consumer.partitionsFor(topic, Duration.ofSeconds(5))).isEmpty();
    }
    try (Admin admin = Admin.create(clientConfig(stack))) {
      assertThat(admin.listTopics().names().get()).doesNotContain(topic);
      assertThatThrownBy(() -> admin.describeTopics(Set.of(topic)).allTopicNames().get())
          .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }
  }

  @Test
  void everyCallReturnsTheSameStartedStack() {
    assertThat(SharedLocalStack.get()).isSameAs(SharedLocalStack.get());
    assertThat(SharedLocalStack.get().isClosed()).isFalse();
  }

  private static ConsumerRecord<String, String> readFirstRecord(LocalStack stack, String topic) {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer = consumer(stack)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          return record;
        }
      }
    }
    throw new AssertionError("No record came back from " + topic + " within 30 s");
  }

  private static KafkaConsumer<String, String> consumer(LocalStack stack) {
    Properties config = clientConfig(stack);
    config.putAll(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static Properties clientConfig(LocalStack stack) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }
}
