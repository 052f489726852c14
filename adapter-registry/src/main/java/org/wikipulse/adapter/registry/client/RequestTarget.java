package org.wikipulse.adapter.registry.client;

/**
 * What a registry request is about, so that an error can name it.
 *
 * @param subject the subject, or null
 * @param schemaId the schema id, or null
 * @param version the version asked for ({@code latest} or a number), or null
 */
record RequestTarget(String subject, Integer schemaId, String version) {

  static RequestTarget subject(String subject) {
    return new RequestTarget(subject, null, null);
  }

  static RequestTarget subjectVersion(String subject, String version) {
    return new RequestTarget(subject, null, version);
  }

  static RequestTarget schemaId(int id) {
    return new RequestTarget(null, id, null);
  }

  static RequestTarget subjectList() {
    return new RequestTarget(null, null, null);
  }

  String describe() {
    if (schemaId != null) {
      return "schema id " + schemaId;
    }
    if (subject == null) {
      return "the list of subjects";
    }
    if (version != null) {
      return "version " + version + " of subject '" + subject + "'";
    }
    return "subject '" + subject + "'";
  }
}
