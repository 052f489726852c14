package org.wikipulse.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.testkit.RecentChangeGenerator;

/** {@code wikipulse consume} on a topic of hostile frames, in a JVM with the launcher's heap. */
class ConsumeBadFramesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalStack stack = SharedLocalStack.get();

  @TempDir Path work;

  /**
   * Purpose: inspecting a topic of bad records, which is exactly when a user runs {@code consume},
   * never runs out of memory or stops early. Input: good frames around the bad frames the issue
   * measured: a string length of 2^30, a truncated body, a wrong magic byte, an unknown schema id,
   * an empty value, a null value and random bytes. Pass: {@code consume} in a 1 GB JVM exits 0 and
   * prints one line per frame, in order: each good frame with its value, each bad one with an error
   * and no value.
   */
  @Test
  void everyFramePrintsItsValueOrItsErrorWithinTheLaunchersHeap() throws Exception {
    String topic = "consume-bad-" + UUID.randomUUID().toString().substring(0, 8);
    KafkaTestClients.createTopic(stack.bootstrapServers(), topic, 1);
    RecentChangeWriter writer =
        new RecentChangeWriter(
            RegistrySettings.of(stack.registryUrl()).connect(),
            topic + "-value",
            AvroSchemas.RECENT_CHANGE);
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            7,
            java.time.Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(10));
    byte[] good = writer.write(generator.next());
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("string length 2^30", stringLengthOf(1 << 30, good));
    bad.put("truncated body", Arrays.copyOf(good, good.length / 2));
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 9;
    bad.put("wrong magic byte", wrongMagic);
    byte[] unknownId = good.clone();
    ByteBuffer.wrap(unknownId).putInt(1, 987_654_321);
    bad.put("unknown schema id", unknownId);
    bad.put("empty", new byte[0]);
    bad.put("null", null);
    byte[] random = new byte[64];
    new Random(14).nextBytes(random);
    bad.put("random bytes", random);

    List<String> expected = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestClients.producer(stack.bootstrapServers())) {
      for (Map.Entry<String, byte[]> frame : bad.entrySet()) {
        producer.send(new ProducerRecord<>(topic, 0, null, writer.write(generator.next())));
        expected.add("good");
        producer.send(new ProducerRecord<>(topic, 0, null, frame.getValue()));
        expected.add(frame.getKey());
      }
      producer.send(new ProducerRecord<>(topic, 0, null, writer.write(generator.next())));
      expected.add("good");
    }

    WikipulseProcess consume =
        WikipulseProcess.launch(
            "consume",
            work,
            List.of(
                "consume",
                "--topic",
                topic,
                "--from-beginning",
                "--idle-timeout",
                "3s",
                "--set",
                "kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--set",
                "registry.url=" + stack.registryUrl()));
    int exitCode = consume.awaitExit(Duration.ofSeconds(60));

    assertThat(exitCode).as(consume.tail()).isZero();
    List<String> lines = consume.outLines().stream().map(WikipulseProcess.Line::text).toList();
    assertThat(lines).as("one line per frame").hasSize(expected.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = JSON.readTree(lines.get(i));
      assertThat(line.get("offset").asLong()).isEqualTo(i);
      if (expected.get(i).equals("good")) {
        assertThat(line.has("value")).as("value of frame " + i + ": " + line).isTrue();
      } else {
        assertThat(line.has("value")).as(expected.get(i) + ": no value").isFalse();
        assertThat(line.path("error").asText()).as(expected.get(i) + ": an error").isNotBlank();
      }
    }
    assertThat(consume.errLines())
        .noneSatisfy(line -> assertThat(line.text()).containsPattern("OutOfMemory|^\\s+at "));
  }

  /** The good frame's header, then a first field (a string) claiming {@code length} bytes. */
  private static byte[] stringLengthOf(int length, byte[] good) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(good, 0, 5);
    long zigzag = ((long) length << 1) ^ (length >> 31);
    while ((zigzag & ~0x7FL) != 0) {
      frame.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    frame.write((int) zigzag);
    frame.write(good, 5, Math.min(20, good.length - 5));
    return frame.toByteArray();
  }
}
