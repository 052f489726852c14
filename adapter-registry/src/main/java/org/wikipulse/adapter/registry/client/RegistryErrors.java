package org.wikipulse.adapter.registry.client;

import org.wikipulse.ports.SchemaNotFoundException;

/**
 * Turns a registry's 4xx answer into a typed exception that names the subject, version or id.
 * Confluent and Apicurio send {@code {"error_code": 40401, "message": "..."}}; other bodies are
 * quoted as they are.
 */
final class RegistryErrors {
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int INVALID_SCHEMA = 42201;

  private RegistryErrors() {}

  /**
   * @param url the request's URL
   * @param target what the request was about
   * @param status the HTTP status, 400 to 499
   * @param body the answer's body
   * @param hasCredentials whether the request carried credentials
   */
  static RuntimeException forClientError(
      String url, RequestTarget target, int status, String body, boolean hasCredentials) {
    RegistryJson.ErrorResponse error = RegistryJson.readError(body);
    int code = error != null && error.errorCode() != null ? error.errorCode() : status;
    String detail =
        "(HTTP "
            + status
            + (code != status ? ", error code " + code : "")
            + ": "
            + (error != null && error.message() != null
                ? error.message()
                : RegistryJson.abbreviate(body))
            + ")";
    switch (status) {
      case 401:
      case 403:
        return new RegistryAuthException(
            "Schema registry at "
                + url
                + " refused access to "
                + target.describe()
                + " "
                + detail
                + (hasCredentials
                    ? ": check the configured credentials"
                    : ": no credentials are configured"),
            status,
            code);
      case 404:
        return notFound(url, target, code, detail);
      case 409:
        return new IncompatibleSchemaException(
            target.subject(),
            "Schema registry at "
                + url
                + " refused the schema for subject '"
                + target.subject()
                + "' as incompatible with its earlier versions under the subject's compatibility"
                + " level "
                + detail,
            code);
      case 422:
        if (code == INVALID_SCHEMA || code == 422) {
          return new InvalidSchemaException(
              target.subject(),
              "Schema registry at "
                  + url
                  + " refused the schema for subject '"
                  + target.subject()
                  + "' as invalid "
                  + detail,
              status,
              code);
        }
        return refused(url, target, status, code, detail);
      default:
        return refused(url, target, status, code, detail);
    }
  }

  private static RuntimeException notFound(
      String url, RequestTarget target, int code, String detail) {
    if (code == SCHEMA_NOT_FOUND && target.schemaId() != null) {
      return new SchemaNotFoundException(
          "Schema id "
              + target.schemaId()
              + " not found in the schema registry at "
              + url
              + " "
              + detail);
    }
    if (code == SUBJECT_NOT_FOUND && target.subject() != null) {
      return new SubjectNotFoundException(
          target.subject(),
          "Subject '"
              + target.subject()
              + "' not found in the schema registry at "
              + url
              + " "
              + detail,
          code);
    }
    if (code == VERSION_NOT_FOUND && target.subject() != null) {
      // Apicurio answers 40402 "no version 'latest'" where Confluent answers 40401 for a subject
      // that does not exist; either way the subject has nothing to compare with or return (the
      // client asks for no version but the latest).
      return new SubjectNotFoundException(
          target.subject(),
          "Subject '"
              + target.subject()
              + "' has no versions in the schema registry at "
              + url
              + " "
              + detail,
          code);
    }
    return new RegistryException(
        "Schema registry at "
            + url
            + " has no such resource for "
            + target.describe()
            + " "
            + detail
            + ": is the base URL right? Apicurio serves the Confluent API under /apis/ccompat/v7",
        404,
        code);
  }

  private static RegistryException refused(
      String url, RequestTarget target, int status, int code, String detail) {
    return new RegistryException(
        "Schema registry at "
            + url
            + " refused the request for "
            + target.describe()
            + " "
            + detail,
        status,
        code);
  }
}
