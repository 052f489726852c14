package org.wikipulse.adapter.registry;

import java.util.UUID;

/** Small Avro schemas and unique subject names for tests that share one registry. */
public final class TestSchemas {
  private TestSchemas() {}

  /** A subject no other test uses. */
  public static String uniqueSubject(String purpose) {
    return "client-" + purpose + "-" + UUID.randomUUID() + "-value";
  }

  /**
   * A record with one string field; {@code namespace} keeps schemas of different tests apart, since
   * equal schema text gets one registry-wide id.
   */
  public static String version1(String namespace) {
    return "{\"type\":\"record\",\"name\":\"Change\",\"namespace\":\""
        + namespace
        + "\",\"fields\":[{\"name\":\"title\",\"type\":\"string\"}]}";
  }

  /** {@link #version1} plus a field with a default: backward compatible with it. */
  public static String withDefaultedField(String namespace) {
    return "{\"type\":\"record\",\"name\":\"Change\",\"namespace\":\""
        + namespace
        + "\",\"fields\":[{\"name\":\"title\",\"type\":\"string\"},"
        + "{\"name\":\"bytes\",\"type\":\"long\",\"default\":0}]}";
  }

  /** {@link #version1} plus a field without a default: not backward compatible with it. */
  public static String withRequiredField(String namespace) {
    return "{\"type\":\"record\",\"name\":\"Change\",\"namespace\":\""
        + namespace
        + "\",\"fields\":[{\"name\":\"title\",\"type\":\"string\"},"
        + "{\"name\":\"wiki\",\"type\":\"string\"}]}";
  }

  /** A namespace no other test uses. */
  public static String uniqueNamespace() {
    return "test.client.n" + UUID.randomUUID().toString().replace("-", "");
  }
}
