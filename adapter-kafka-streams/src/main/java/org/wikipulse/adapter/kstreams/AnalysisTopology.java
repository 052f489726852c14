package org.wikipulse.adapter.kstreams;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.wikipulse.ports.KafkaSource;

/** The analysis as a Kafka Streams topology: a pure function of its configuration. */
public final class AnalysisTopology {
  /** Names the single-partition topic from the partition tasks to the merger. */
  static final String MERGER_INPUT = "merger-input";

  /** The merger's sink for output rows. */
  static final String OUTPUT_SINK = "output";

  /** The merger's sink for the late events it drops, when they are dead-lettered. */
  static final String LATE_DEAD_LETTER_SINK = "late-dead-letters";

  private AnalysisTopology() {}

  /** Builds the two-stage topology described in the package documentation. */
  public static Topology buildTopology(TopologyConfig config) {
    SourceLayout layout = new SourceLayout(config.inputs());
    StreamsBuilder builder = new StreamsBuilder();
    KStream<byte[], StageOneOutput> stageOne =
        builder.stream(
                config.inputs().stream().map(InputTopic::name).toList(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                    .withTimestampExtractor(new InputTimestamps())
                    .withOffsetResetPolicy(
                        config.startingOffsets() == KafkaSource.StartingOffsets.EARLIEST
                            ? Topology.AutoOffsetReset.EARLIEST
                            : Topology.AutoOffsetReset.LATEST)
                    .withName("input"))
            .process(partitionAggregator(config, layout), Named.as("partition-aggregator"));

    stageOne
        .split(Named.as("stage-one-"))
        .branch(
            (key, value) -> value instanceof DeadLetterValue,
            Branched.withConsumer(
                deadLetters ->
                    deadLetters
                        .mapValues(
                            value -> ((DeadLetterValue) value).value(),
                            Named.as("dead-letter-value"))
                        .to(
                            config.deadLetterTopic(),
                            Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName("dead-letters")),
                "dead-letters"))
        .defaultBranch(
            Branched.withConsumer(
                messages -> mergeAndWrite(messages, config, layout), "merger-messages"));
    return builder.build();
  }

  /**
   * Stage two: one merger task, behind a single-partition repartition topic. The merger forwards
   * each record by name to one of two sinks: rows to the output, late events it drops to the
   * dead-letter topic. Both are byte keyed: a row's key is its text key's UTF-8 bytes, which is
   * what a String serde would write.
   */
  private static void mergeAndWrite(
      KStream<byte[], StageOneOutput> messages, TopologyConfig config, SourceLayout layout) {
    KStream<byte[], byte[]> merged =
        messages
            .mapValues(value -> (MergerMessage) value, Named.as("merger-message"))
            .repartition(
                Repartitioned.with(Serdes.ByteArray(), new MergerMessageSerde())
                    .withName(MERGER_INPUT)
                    .withNumberOfPartitions(1))
            .process(windowMerger(config, layout), Named.as("window-merger"));
    merged.to(
        config.outputTopic(),
        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(OUTPUT_SINK));
    merged.to(
        config.deadLetterTopic(),
        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(LATE_DEAD_LETTER_SINK));
  }

  private static ProcessorSupplier<byte[], byte[], byte[], StageOneOutput> partitionAggregator(
      TopologyConfig config, SourceLayout layout) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], byte[], byte[], StageOneOutput> get() {
        return new PartitionAggregator(config, layout);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(PartitionAggregator.SOURCES_STORE),
                    Serdes.Integer(),
                    Serdes.ByteArray())
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(PartitionAggregator.WINDOWS_STORE),
                    Serdes.Bytes(),
                    Serdes.ByteArray())
                .withCachingEnabled());
      }
    };
  }

  private static ProcessorSupplier<byte[], MergerMessage, byte[], byte[]> windowMerger(
      TopologyConfig config, SourceLayout layout) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<byte[], MergerMessage, byte[], byte[]> get() {
        return new WindowMerger(config, layout);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(WindowMerger.SOURCES_STORE),
                    Serdes.Integer(),
                    Serdes.ByteArray())
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(WindowMerger.WINDOWS_STORE),
                    Serdes.Long(),
                    Serdes.ByteArray())
                .withCachingEnabled());
      }
    };
  }
}
