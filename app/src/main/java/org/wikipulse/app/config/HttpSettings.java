package org.wikipulse.app.config;

/**
 * The HTTP server of {@code run} and {@code demo}.
 *
 * @param enabled whether to serve at all
 * @param bind the address to listen on
 * @param port the port, or 0 for any free one
 */
public record HttpSettings(boolean enabled, String bind, int port) {}
