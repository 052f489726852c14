package org.wikipulse.topics;

/** The broker could not be asked about a topic, or refused to create one. */
public final class TopicSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TopicSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
