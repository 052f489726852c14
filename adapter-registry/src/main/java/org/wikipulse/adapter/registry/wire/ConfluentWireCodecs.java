package org.wikipulse.adapter.registry.wire;

import java.time.Duration;
import java.util.Objects;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.ports.EditCountEncoder;
import org.wikipulse.ports.EditEventDecoder;
import org.wikipulse.ports.OutputSchema;
import org.wikipulse.ports.RegistryConnector;
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
  private transient volatile OutputSchema outputSchema;

  /**
   * @param connector how each worker reaches the registry
   * @param outputSubject the subject of the output value schema, such as {@code edit-counts-value}
   *     ({@link AvroSchemas#EDIT_COUNT} is registered there on first use, a no-op if it is there)
   */
  public ConfluentWireCodecs(RegistryConnector connector, String outputSubject) {
    this.connector = Objects.requireNonNull(connector, "connector");
    if (outputSubject == null || outputSubject.isBlank()) {
      throw new IllegalArgumentException("The output subject must not be blank");
    }
    this.outputSubject = outputSubject;
  }

  @Override
  public EditEventDecoder newDecoder() {
    return new ConfluentEditEventDecoder(connector.connect());
  }

  @Override
  public EditCountEncoder newEncoder() {
    return new ConfluentEditCountEncoder(outputSchema().id());
  }

  @Override
  public OutputSchema outputSchema() {
    OutputSchema known = outputSchema;
    if (known == null) {
      known = resolveOutputSchema(connector.connect());
      outputSchema = known;
    }
    return known;
  }

  @Override
  public Duration registryBudget() {
    return connector.retryBudget();
  }

  private OutputSchema resolveOutputSchema(SchemaRegistry registry) {
    String ours = AvroSchemas.EDIT_COUNT.toString();
    return new OutputSchema(registry.register(outputSubject, ours), ours);
  }

  @Override
  public String toString() {
    return "ConfluentWireCodecs[" + connector + ", output subject " + outputSubject + "]";
  }
}
