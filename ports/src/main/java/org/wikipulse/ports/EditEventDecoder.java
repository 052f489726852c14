package org.wikipulse.ports;

/**
 * Turns a record value in the Confluent wire format into an edit event, using the writer schema its
 * header names. One instance per thread: implementations need not be thread-safe.
 */
public interface EditEventDecoder {

  /**
   * Decodes one record value.
   *
   * @return the event, or the reason it cannot be decoded (never null)
   * @throws RegistryUnavailableException when the writer schema cannot be fetched now; the caller
   *     retries rather than dead-lettering the record
   */
  DecodeResult decode(byte[] value);
}
