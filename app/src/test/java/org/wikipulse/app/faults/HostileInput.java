package org.wikipulse.app.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.wire.RecentChangeWriter;
import org.wikipulse.contract.kafka.KafkaTestClients;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.ReferenceInput;
import org.wikipulse.domain.ReferenceResult;
import org.wikipulse.domain.WindowSpec;
import org.wikipulse.ports.DeadLetterReason;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.testkit.HostileFrames;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * The hostile-input case's topic: generated recentchange events on 4 partitions with a hostile
 * mutation of a good frame ({@link HostileFrames}) after about every other one, in the same
 * partition, and a canary far ahead in each partition at the end. Each mutant is judged when it is
 * planned, with the registry adapter's decoder in this JVM: one it rejects is expected in the
 * dead-letter topic with that reason; one that still decodes (a bit flip in a title) is a valid
 * event and goes into the reference's input, unless the mutation moved its event time, in which
 * case another mutation is drawn (a wild event time would close every window and leave the rest of
 * the case nothing to count).
 */
final class HostileInput {
  static final int PARTITIONS = 4;
  private static final int MAX_KEY_BYTES = 128 * 1024;
  private static final int DRAWS = 5;

  /** One frame to write, and what the pipeline must make of it. */
  record Planned(
      int partition,
      byte[] key,
      byte[] value,
      HostileFrames.Mutation mutation,
      DeadLetterReason reason) {
    boolean bad() {
      return reason != null;
    }
  }

  /** Where a frame landed. */
  record Position(int partition, long offset) {}

  private final String topic;
  private final long seed;
  private final List<Planned> planned = new ArrayList<>();
  private final Map<Position, Planned> written = new LinkedHashMap<>();
  private final Map<HostileFrames.Mutation, Integer> mutants =
      new EnumMap<>(HostileFrames.Mutation.class);
  private final ReferenceResult expected;

  /** Plans the topic (registering the schemas the mutations need); writes nothing yet. */
  HostileInput(String topic, String registryUrl, int events, long seed) {
    this.topic = topic;
    this.seed = seed;
    SchemaRegistry registry = RegistrySettings.of(registryUrl).connect();
    String subject = topic + "-value";
    RecentChangeWriter writer =
        new RecentChangeWriter(registry, subject, AvroSchemas.RECENT_CHANGE);
    HostileFrames frames = new HostileFrames(seed, schemaIds(registryUrl, registry), MAX_KEY_BYTES);
    EditEventDecoder judge =
        new ConfluentWireCodecs(RegistrySettings.of(registryUrl), topic + "-out-value")
            .newDecoder();
    RecentChangeGenerator generator =
        new RecentChangeGenerator(
            AvroSchemas.RECENT_CHANGE,
            seed,
            Instant.parse("2024-04-26T00:00:00Z"),
            50,
            Duration.ofSeconds(50));
    Random chance = new Random(seed);
    List<ReferenceInput> inputs = new ArrayList<>();
    long lastSecond = Long.MIN_VALUE;
    for (int i = 0; i < events; i++) {
      GenericRecord record = generator.next();
      int partition = chance.nextInt(PARTITIONS);
      byte[] key = ("rc-" + i).getBytes(StandardCharsets.UTF_8);
      byte[] value = writer.write(record);
      EditEvent event = RecentChangeRecords.toEditEvent(record);
      planned.add(new Planned(partition, key, value, null, null));
      inputs.add(new ReferenceInput.Event(partition, event));
      lastSecond = Math.max(lastSecond, (Long) record.get("timestamp"));
      if (chance.nextBoolean()) {
        planMutant(frames, judge, partition, key, value, event, inputs);
      }
    }
    for (int p = 0; p < PARTITIONS; p++) {
      GenericRecord canary = generator.next();
      canary.put("type", EditRules.EDIT_TYPE);
      canary.put("timestamp", lastSecond + 3600);
      ((GenericRecord) canary.get("meta")).put("domain", EditRules.CANARY_DOMAIN);
      planned.add(new Planned(p, null, writer.write(canary), null, null));
      inputs.add(new ReferenceInput.Event(p, RecentChangeRecords.toEditEvent(canary)));
    }
    this.expected = ReferenceResult.of(WindowSpec.DEFAULT, PARTITIONS, inputs);
    if (expected.droppedLate() != 0) {
      throw new IllegalStateException("The hostile input must have no late event");
    }
  }

  private void planMutant(
      HostileFrames frames,
      EditEventDecoder judge,
      int partition,
      byte[] key,
      byte[] value,
      EditEvent original,
      List<ReferenceInput> inputs) {
    for (int draw = 0; draw < DRAWS; draw++) {
      HostileFrames.Frame frame = frames.mutate(value, key);
      DecodeResult result = judge.decode(frame.value());
      if (result instanceof DecodeResult.Rejected rejected
          && frame.mutation() == HostileFrames.Mutation.BIT_FLIPS
          && rejected.reason() == DeadLetterReason.UNKNOWN_SCHEMA_ID) {
        // A flip in the schema id gives a small id the shared registry may hand out by the time
        // the pipeline reads the frame (its own output schema, another test's): not a stable
        // expectation. Unknown ids are the UNKNOWN_SCHEMA_ID mutation's, far above any handed out.
        continue;
      }
      if (result instanceof DecodeResult.Rejected rejected) {
        frame
            .mutation()
            .certainReason()
            .filter(certain -> certain != rejected.reason())
            .ifPresent(
                certain -> {
                  throw new AssertionError(
                      frame.mutation()
                          + " should be rejected as "
                          + certain
                          + ", the decoder says "
                          + rejected
                          + " (seed "
                          + seed
                          + ")");
                });
        add(partition, frame, rejected.reason());
        return;
      }
      EditEvent decoded = ((DecodeResult.Decoded) result).event();
      if (decoded.eventTime().equals(original.eventTime())) {
        add(partition, frame, null);
        inputs.add(new ReferenceInput.Event(partition, decoded));
        return;
      }
    }
  }

  private void add(int partition, HostileFrames.Frame frame, DeadLetterReason reason) {
    planned.add(new Planned(partition, frame.key(), frame.value(), frame.mutation(), reason));
    mutants.merge(frame.mutation(), 1, Integer::sum);
  }

  /**
   * A schema registered and deleted again (soft, then for good), a non-record schema and an
   * unrelated record schema, each under a subject of its own.
   */
  private HostileFrames.SchemaIds schemaIds(String registryUrl, SchemaRegistry registry) {
    String deletedSubject = topic + "-deleted-value";
    int deleted =
        registry.register(
            deletedSubject,
            "{\"type\":\"record\",\"name\":\"Deleted\",\"fields\":"
                + "[{\"name\":\"gone\",\"type\":\"string\"}]}");
    delete(registryUrl + "/subjects/" + deletedSubject);
    delete(registryUrl + "/subjects/" + deletedSubject + "?permanent=true");
    int nonRecord = registry.register(topic + "-string-value", "\"string\"");
    int unrelated =
        registry.register(
            topic + "-unrelated-value",
            "{\"type\":\"record\",\"name\":\"Unrelated\",\"fields\":"
                + "[{\"name\":\"x\",\"type\":\"long\"},{\"name\":\"y\",\"type\":\"string\"}]}");
    return new HostileFrames.SchemaIds(deleted, nonRecord, unrelated);
  }

  private static void delete(String url) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "DELETE " + url + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("DELETE " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /** Creates the topic and writes every planned frame, keeping where each landed. */
  void write(String bootstrapServers) {
    KafkaTestClients.createTopic(bootstrapServers, topic, PARTITIONS);
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(bootstrapServers)) {
      for (Planned frame : planned) {
        sends.add(
            producer.send(
                new ProducerRecord<>(topic, frame.partition(), frame.key(), frame.value())));
      }
      producer.flush();
      for (int i = 0; i < sends.size(); i++) {
        RecordMetadata metadata = sends.get(i).get();
        written.put(new Position(metadata.partition(), metadata.offset()), planned.get(i));
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("A frame was not written", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing", e);
    }
  }

  String topic() {
    return topic;
  }

  long seed() {
    return seed;
  }

  /** Every frame, by where it landed; after {@link #write}. */
  Map<Position, Planned> written() {
    return written;
  }

  int records() {
    return planned.size();
  }

  long badRecords() {
    return planned.stream().filter(Planned::bad).count();
  }

  /** How many mutants of each kind were written. */
  Map<HostileFrames.Mutation, Integer> mutants() {
    return mutants;
  }

  ReferenceResult expected() {
    return expected;
  }
}
