package org.wikipulse.bench.pipelines;

/** Entry point of a contestant's own JVM: runs one contestant until the harness kills it. */
public final class ContestantMain {
  private ContestantMain() {}

  public static void main(String[] args) throws Exception {
    ContestantArgs parsed = ContestantArgs.parse(args);
    switch (parsed.contestant()) {
      case RAW_LIMIT -> RawLimit.run(parsed);
      case WIKIPULSE_KAFKA_STREAMS -> WikipulseRuntime.run(parsed, "kafka-streams");
      case TEXTBOOK_KAFKA_STREAMS -> TextbookKafkaStreams.run(parsed);
      case WIKIPULSE_SPARK -> WikipulseRuntime.run(parsed, "spark");
      case ARTICLE_SPARK -> ArticleSparkQuery.run(parsed);
    }
  }
}
