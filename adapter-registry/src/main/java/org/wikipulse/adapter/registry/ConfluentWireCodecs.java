package org.wikipulse.adapter.registry;

import java.util.Objects;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.SchemaNotFoundException;
import org.wikipulse.ports.SchemaRegistry;
import org.wikipulse.ports.WireCodecs;

/**
 * Confluent wire-format codecs bound to a registry. Serializable: a runtime ships it to its
 * workers, where each thread gets its own decoder and encoder, connected through the {@link
 * RegistryConnector}.
 */
public final class ConfluentWireCodecs implements WireCodecs {
  private static final long serialVersionUID = 1L;

  private final RegistryConnector connector;
  private final String outputSubject;
  private final boolean registerOutputSchema;
  private transient volatile OutputSchema outputSchema;

  /**
   * @param connector how each worker reaches the registry
   * @param outputSubject the subject of the output value schema, such as {@code edit-counts-value}
   * @param registerOutputSchema whether to register {@link AvroSchemas#EDIT_COUNT} under the
   *     subject (a no-op if it is there); if false, the subject's latest version must already be
   *     exactly that schema
   */
  public ConfluentWireCodecs(
      RegistryConnector connector, String outputSubject, boolean registerOutputSchema) {
    this.connector = Objects.requireNonNull(connector, "connector");
    if (outputSubject == null || outputSubject.isBlank()) {
      throw new IllegalArgumentException("The output subject must not be blank");
    }
    this.outputSubject = outputSubject;
    this.registerOutputSchema = registerOutputSchema;
  }

  @Override
  public EditEventDecoder newDecoder() {
    return new ConfluentEditEventDecoder(connector.connect());
  }

  @Override
  public EditCountEncoder newEncoder() {
    return new ConfluentEditCountEncoder(outputSchema().id());
  }

  /**
   * @throws IllegalStateException if registration is off and the subject's latest schema is not
   *     {@code EditCount}
   */
  @Override
  public OutputSchema outputSchema() {
    OutputSchema known = outputSchema;
    if (known == null) {
      known = resolveOutputSchema(connector.connect());
      outputSchema = known;
    }
    return known;
  }

  private OutputSchema resolveOutputSchema(SchemaRegistry registry) {
    String ours = AvroSchemas.EDIT_COUNT.toString();
    if (registerOutputSchema) {
      return new OutputSchema(registry.register(outputSubject, ours), ours);
    }
    RegisteredSchema latest;
    try {
      latest = registry.latest(outputSubject);
    } catch (SchemaNotFoundException e) {
      throw new IllegalStateException(
          "The output subject '"
              + outputSubject
              + "' has no schema and registering it is switched off",
          e);
    }
    if (!AvroSchemas.parse(latest.schema()).equals(AvroSchemas.EDIT_COUNT)) {
      throw new IllegalStateException(
          "The latest schema of output subject '"
              + outputSubject
              + "' (id "
              + latest.id()
              + ") is not the EditCount schema this version writes");
    }
    return new OutputSchema(latest.id(), latest.schema());
  }

  @Override
  public String toString() {
    return "ConfluentWireCodecs[" + connector + ", output subject " + outputSubject + "]";
  }
}
