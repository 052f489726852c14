package org.wikipulse.bench.pipelines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.ProcessorContext;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.domain.Actor;
import org.wikipulse.domain.EditRules;
import org.wikipulse.domain.WindowCount;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.RegisteredSchema;

/**
 * The Kafka Streams DSL as tutorials write it: values decoded with the subject's latest schema,
 * event time from a {@link TimestampExtractor}, {@code groupBy} actor (a repartition topic), {@code
 * windowedBy(TimeWindows.ofSizeAndGrace(60 s, 60 s).advanceBy(30 s))}, {@code count}, {@code
 * suppress(untilWindowCloses)}. Default Streams settings otherwise; records that do not decode are
 * skipped by a continue-on-error handler, as tutorials configure, and counted.
 */
final class TextbookKafkaStreams {
  static final AtomicLong SKIPPED = new AtomicLong();

  private TextbookKafkaStreams() {}

  static void run(ContestantArgs args) throws InterruptedException {
    RegisteredSchema latest =
        RegistrySettings.of(args.registryUrl()).connect().latest(args.inputSubject());
    Schema schema = AvroSchemas.parse(latest.schema());
    EditCountEncoder encoder =
        new ConfluentWireCodecs(RegistrySettings.of(args.registryUrl()), args.outputSubject())
            .newEncoder();
    Serde<GenericRecord> avro =
        Serdes.serdeFrom(new AvroSerializer(schema, latest.id()), new AvroDeserializer(schema));
    AtomicLong decoded = new AtomicLong();
    Progress.report(() -> decoded.get() + SKIPPED.get());

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            args.inputTopic(),
            Consumed.with(Serdes.ByteArray(), avro).withTimestampExtractor(new EventTime()))
        .peek((key, value) -> decoded.incrementAndGet())
        .filter(
            (key, value) ->
                EditRules.isCounted(
                    value.get("type").toString(),
                    String.valueOf(((GenericRecord) value.get("meta")).get("domain"))))
        .groupBy(
            (key, value) -> Actor.fromBotFlag((Boolean) value.get("bot")).label(),
            Grouped.with(Serdes.String(), avro))
        .windowedBy(
            TimeWindows.ofSizeAndGrace(Duration.ofSeconds(60), Duration.ofSeconds(60))
                .advanceBy(Duration.ofSeconds(30)))
        .count()
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
        .toStream()
        .map(
            (window, count) -> {
              WindowCount row =
                  new WindowCount(
                      window.window().startTime(),
                      window.window().endTime(),
                      Actor.fromLabel(window.key()),
                      count);
              return KeyValue.pair(
                  EditCountEncoder.keyOf(row).getBytes(StandardCharsets.UTF_8),
                  encoder.encode(row));
            })
        .to(args.outputTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, args.outputTopic());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, args.stateDirectory().toString());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(
        StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        SkipAndCount.class.getName());
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setUncaughtExceptionHandler(
        error -> {
          System.err.println("textbook Kafka Streams failed: " + error);
          stopped.countDown();
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    stopped.await();
  }

  /** Event time from the decoded record's unix-seconds {@code timestamp}. */
  static final class EventTime implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
      return (Long) ((GenericRecord) record.value()).get("timestamp") * 1000L;
    }
  }

  /**
   * Skips what does not decode, as tutorials' LogAndContinue does, but counts instead of logging.
   */
  public static final class SkipAndCount implements DeserializationExceptionHandler {
    @Override
    public DeserializationHandlerResponse handle(
        ProcessorContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
      SKIPPED.incrementAndGet();
      return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  /** Strips the five-byte header and reads the body with one fixed schema. */
  private static final class AvroDeserializer implements Deserializer<GenericRecord> {
    private final GenericDatumReader<GenericRecord> reader;

    AvroDeserializer(Schema schema) {
      reader = new GenericDatumReader<>(schema);
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
      try {
        return reader.read(
            null,
            DecoderFactory.get()
                .binaryDecoder(
                    data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("Cannot decode with the latest schema: " + e, e);
      }
    }
  }

  /** Writes the whole record under the latest schema, header included, for the repartition. */
  private static final class AvroSerializer implements Serializer<GenericRecord> {
    private final GenericDatumWriter<GenericRecord> writer;
    private final int schemaId;

    AvroSerializer(Schema schema, int schemaId) {
      this.writer = new GenericDatumWriter<>(schema);
      this.schemaId = schemaId;
    }

    @Override
    public byte[] serialize(String topic, GenericRecord record) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      out.writeBytes(new byte[WireFormat.HEADER_LENGTH]);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      try {
        writer.write(record, encoder);
        encoder.flush();
      } catch (IOException e) {
        throw new SerializationException(e);
      }
      byte[] framed = out.toByteArray();
      WireFormat.writeHeader(schemaId, framed);
      return framed;
    }
  }
}
