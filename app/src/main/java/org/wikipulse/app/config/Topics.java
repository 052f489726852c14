package org.wikipulse.app.config;

/**
 * The topics and registry subjects of the job.
 *
 * @param input recentchange events, Confluent Avro
 * @param output one EditCount record per finished (window, actor)
 * @param deadLetters records that cannot be processed, with the reason in headers
 * @param inputSubject the registry subject that ingest registers its writer schema under
 * @param outputSubject the registry subject of the output value schema
 */
public record Topics(
    String input, String output, String deadLetters, String inputSubject, String outputSubject) {}
