package org.wikipulse.adapter.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import scala.collection.JavaConverters;

/**
 * Dead letters kept in this JVM (tests run Spark in local mode, so tasks run here), as rows of
 * {@link KafkaColumns#SINK} like those the Kafka sink would get. A task's dead letters are kept
 * only when it flushes them, as a Kafka writer's are stored only once acknowledged.
 */
final class CollectedDeadLetters implements DeadLetterSink {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Row>> STORED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final String topic;

  CollectedDeadLetters(String topic) {
    this.topic = topic;
    STORED.put(id, new ConcurrentLinkedQueue<>());
  }

  @Override
  public String topic() {
    return topic;
  }

  /** Every dead letter flushed so far, in the order flushed. */
  List<Row> rows() {
    return List.copyOf(STORED.get(id));
  }

  @Override
  public Writer open() {
    Queue<Row> stored = STORED.get(id);
    return new Writer() {
      private final List<Row> pending = new ArrayList<>();

      @Override
      public void write(DeadLetter deadLetter) {
        pending.add(rowOf(deadLetter));
      }

      @Override
      public void flush() {
        stored.addAll(pending);
        pending.clear();
      }

      @Override
      public void close() {
        pending.clear();
      }
    };
  }

  /** A dead letter as a row of {@link KafkaColumns#SINK} to this sink's topic. */
  Row rowOf(DeadLetter deadLetter) {
    List<Row> headers = new ArrayList<>();
    for (DeadLetter.Header header : deadLetter.headers()) {
      headers.add(RowFactory.create(header.key(), header.value()));
    }
    return new GenericRowWithSchema(
        new Object[] {
          deadLetter.key(), deadLetter.value(), topic, JavaConverters.asScalaBuffer(headers)
        },
        KafkaColumns.SINK);
  }
}
