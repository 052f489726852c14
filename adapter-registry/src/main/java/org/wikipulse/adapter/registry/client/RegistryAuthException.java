package org.wikipulse.adapter.registry.client;

/** The registry refused the client's credentials, or their absence (HTTP 401 or 403). */
public class RegistryAuthException extends RegistryException {
  private static final long serialVersionUID = 1L;

  public RegistryAuthException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
