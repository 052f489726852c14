package org.wikipulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikipulse.localstack.LocalStack;
import org.wikipulse.localstack.SharedLocalStack;

/**
 * {@code kafka.client.*} settings reach the launcher's own Kafka clients (the start checks, the
 * ingest producer and the consume reader), on the shared local broker, which speaks plaintext.
 */
class KafkaClientSettingsTest {
  private final LocalStack stack = SharedLocalStack.get();

  /**
   * Purpose: a client setting is applied, not just accepted. Input: ingest of the samples with
   * {@code kafka.client.security.protocol=SSL} against the plaintext broker. Pass: the start check
   * fails (exit 3) naming the broker's address, where the same command without it succeeds below.
   */
  @Test
  void aSecuritySettingReachesTheStartCheck() {
    CliRun ingest =
        CliRun.of(
            Samples.args(
                List.of(
                    "ingest",
                    "--source",
                    "file:" + Samples.RECENT_CHANGES,
                    "--set",
                    "topics.input=" + Samples.unique("ssl"),
                    "--set",
                    "kafka.client.security.protocol=SSL",
                    "--set",
                    "connect-timeout=2s"),
                Samples.on(stack)));

    assertThat(ingest.exitCode()).as(ingest.out()).isEqualTo(3);
    assertThat(ingest.err())
        .contains(stack.bootstrapServers())
        .contains("kafka.client.security.protocol (here SSL)");
  }

  /**
   * Purpose: valid client settings leave ingest and consume working. Input: the samples ingested
   * and read back with client settings for the producer and the reader. Pass: 100 written, 100
   * read.
   */
  @Test
  void validSettingsKeepIngestAndConsumeWorking() {
    String topic = Samples.unique("client-settings");
    List<String> settings =
        List.of(
            "--set",
            "kafka.client.request.timeout.ms=20000",
            "--set",
            "kafka.client.client.dns.lookup=use_all_dns_ips");

    CliRun ingest =
        CliRun.of(
            Samples.args(
                concat(
                    List.of(
                        "ingest",
                        "--source",
                        "file:" + Samples.RECENT_CHANGES,
                        "--set",
                        "topics.input=" + topic),
                    settings),
                Samples.on(stack)));
    CliRun consume =
        CliRun.of(
            Samples.args(
                concat(
                    List.of(
                        "consume",
                        "--topic",
                        topic,
                        "--from-beginning",
                        "--max-messages",
                        "100",
                        "--idle-timeout",
                        "20s"),
                    settings),
                Samples.on(stack)));

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).startsWith("ingest: 100 events written to " + topic);
    assertThat(consume.exitCode()).as(consume.err()).isZero();
    assertThat(consume.out().lines()).hasSize(100);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
