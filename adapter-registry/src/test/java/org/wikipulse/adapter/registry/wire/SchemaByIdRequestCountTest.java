package org.wikipulse.adapter.registry.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikipulse.adapter.registry.TestSchemas.uniqueSubject;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.wikipulse.adapter.registry.client.ConfluentRegistryClient;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.schema.RecentChangeRecords;
import org.wikipulse.localstack.SharedLocalStack;
import org.wikipulse.ports.DecodeResult;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.testkit.RecentChangeGenerator;

/**
 * Decoding never asks the registry per record: the writer schema of each id is fetched once per
 * JVM, however many records and decoders use it.
 */
class SchemaByIdRequestCountTest {
  private static final int RECORDS = 10_000;

  /**
   * Purpose: count HTTP requests while decoding. Input: 10,000 generated recentchange records
   * written under 3 schema ids (version 1, version 2, version 1 plus a defaulted field) registered
   * in the shared Apicurio, decoded by two decoders (one per thread, as the runtimes make them)
   * over one fresh client. Pass: every record decodes to the event it was made from, with the id it
   * was written under, and the client sent exactly 3 requests.
   */
  @Test
  void tenThousandRecordsUnderThreeIdsCostThreeRequests() {
    RegistrySettings settings = RegistrySettings.of(SharedLocalStack.get().registryUrl());
    String subject = uniqueSubject("request-count");
    ConfluentRegistryClient producerSide = new ConfluentRegistryClient(settings);
    List<RecentChangeWriter> writers =
        List.of(
            new RecentChangeWriter(producerSide, subject, AvroSchemas.RECENT_CHANGE),
            new RecentChangeWriter(producerSide, subject, AvroSchemas.RECENT_CHANGE_V2),
            new RecentChangeWriter(
                producerSide, subject, withDefaultedField(AvroSchemas.RECENT_CHANGE)));
    RecentChangeGenerator generator =
        RecentChangeGenerator.withDefaults(AvroSchemas.RECENT_CHANGE, 3);
    List<GenericRecord> originals = new ArrayList<>(RECORDS);
    List<byte[]> values = new ArrayList<>(RECORDS);
    List<Integer> writtenUnder = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      GenericRecord record = generator.next();
      RecentChangeWriter writer = writers.get(i % writers.size());
      originals.add(record);
      values.add(writer.write(record));
      writtenUnder.add(writer.schemaId());
    }
    ConfluentRegistryClient consumerSide = new ConfluentRegistryClient(settings);
    EditEventDecoder firstThread = new ConfluentEditEventDecoder(consumerSide);
    EditEventDecoder secondThread = new ConfluentEditEventDecoder(consumerSide);

    for (int i = 0; i < RECORDS; i++) {
      EditEventDecoder decoder = i < RECORDS / 2 ? firstThread : secondThread;
      assertThat(decoder.decode(values.get(i)))
          .as("record %d", i)
          .isEqualTo(
              new DecodeResult.Decoded(
                  RecentChangeRecords.toEditEvent(originals.get(i)), writtenUnder.get(i)));
    }

    assertThat(writtenUnder.stream().distinct()).hasSize(3);
    assertThat(consumerSide.httpRequestCount()).isEqualTo(3);
  }

  private static Schema withDefaultedField(Schema base) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : base.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(
        new Schema.Field(
            "wikipulse_test_note", Schema.create(Schema.Type.STRING), "added by a test", ""));
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }
}
