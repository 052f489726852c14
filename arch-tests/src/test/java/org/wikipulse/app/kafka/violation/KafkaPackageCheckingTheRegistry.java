package org.wikipulse.app.kafka.violation;

import java.net.http.HttpClient;

/** Deliberately bad: the app's Kafka package sending its own registry requests. */
public class KafkaPackageCheckingTheRegistry {
  public HttpClient client() {
    return HttpClient.newHttpClient();
  }
}
