package org.wikipulse.app.ingest;

/**
 * One server-sent event.
 *
 * @param id the event's id, or null when it has none
 * @param type the event type, {@code message} when the server names none
 * @param data the data lines, joined by newlines
 */
public record SseEvent(String id, String type, String data) {}
