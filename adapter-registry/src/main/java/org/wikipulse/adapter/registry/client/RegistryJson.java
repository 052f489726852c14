package org.wikipulse.adapter.registry.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bodies of the Confluent REST API. Fields this client does not use ({@code schemaType}, {@code
 * references}, {@code reason}, ...) are ignored, so newer registries and Apicurio's extras parse.
 */
final class RegistryJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private RegistryJson() {}

  record SchemaRequest(String schema) {}

  record IdResponse(Integer id) {}

  record SchemaResponse(String schema) {}

  record SubjectVersionResponse(String subject, Integer id, Integer version, String schema) {}

  record ErrorResponse(@JsonProperty("error_code") Integer errorCode, String message) {}

  static String write(Object body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses a successful answer.
   *
   * @throws RegistryException if the body is not the JSON expected, such as an HTML page from a
   *     proxy or a wrong base URL
   */
  static <T> T read(String body, Class<T> type, String url) {
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new RegistryException(unexpected(body, type, url), 200, 200);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new RegistryException(unexpected(body, type, url), 200, 200);
    }
  }

  /** The error body, or null when it is not Confluent's error JSON. */
  static ErrorResponse readError(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readValue(body, ErrorResponse.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String unexpected(String body, Class<?> type, String url) {
    return "Schema registry at "
        + url
        + " answered with something other than the expected "
        + type.getSimpleName()
        + ": "
        + abbreviate(body);
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "(no body)";
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }
}
