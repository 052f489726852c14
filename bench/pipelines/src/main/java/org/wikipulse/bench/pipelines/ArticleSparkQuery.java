package org.wikipulse.bench.pipelines;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.avro.functions;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.types.DataTypes;
import org.wikipulse.adapter.registry.schema.AvroSchemas;
import org.wikipulse.adapter.registry.wire.ConfluentWireCodecs;
import org.wikipulse.adapter.registry.client.RegistrySettings;
import org.wikipulse.adapter.registry.wire.WireFormat;
import org.wikipulse.ports.OutputSchema;

/**
 * The source article's query, in Java on the same local Spark as the wikipulse Spark runtime: the
 * subject's latest schema fetched once at start, {@code from_avro} in PERMISSIVE mode over {@code
 * substring(value, 6)}, watermark on the event time, the edit filter, a sliding-window count per
 * actor, {@code to_avro} and a UDF that prepends the output header. A value that does not decode
 * with the latest schema becomes a null row and is filtered away without a trace.
 */
final class ArticleSparkQuery {
  private ArticleSparkQuery() {}

  static void run(ContestantArgs args) throws Exception {
    String latestSchema =
        RegistrySettings.of(args.registryUrl()).connect().latest(args.inputSubject()).schema();
    OutputSchema output =
        new ConfluentWireCodecs(RegistrySettings.of(args.registryUrl()), args.outputSubject())
            .outputSchema();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(args.outputTopic())
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false");
    WikipulseRuntime.SPARK_LOCAL.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    AtomicLong recordsIn = new AtomicLong();
    spark
        .streams()
        .addListener(
            new StreamingQueryListener() {
              @Override
              public void onQueryStarted(QueryStartedEvent event) {}

              @Override
              public void onQueryProgress(QueryProgressEvent event) {
                recordsIn.addAndGet(event.progress().numInputRows());
              }

              @Override
              public void onQueryTerminated(QueryTerminatedEvent event) {}
            });
    Progress.report(recordsIn::get);
    SparkBatches.report();

    int outputId = output.id();
    UserDefinedFunction withHeader =
        udf(
            (UDF1<byte[], byte[]>)
                body -> {
                  byte[] framed = new byte[WireFormat.HEADER_LENGTH + body.length];
                  System.arraycopy(body, 0, framed, WireFormat.HEADER_LENGTH, body.length);
                  WireFormat.writeHeader(outputId, framed);
                  return framed;
                },
            DataTypes.BinaryType);

    Dataset<Row> changes =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", args.bootstrapServers())
            .option("subscribe", args.inputTopic())
            .option("startingOffsets", "earliest")
            .load()
            .select(
                functions
                    .from_avro(
                        expr("substring(value, 6, length(value) - 5)"),
                        latestSchema,
                        Map.of("mode", "PERMISSIVE"))
                    .as("change"))
            .select(col("change.*"))
            .withColumn("event_time", col("timestamp").cast("timestamp"))
            .withWatermark("event_time", "60 seconds")
            .filter(col("type").equalTo("edit").and(col("meta.domain").notEqual("canary")));
    Column requestedBy =
        when(col("bot").isNull(), lit("Unknown"))
            .when(col("bot"), lit("Bot"))
            .otherwise(lit("Human"));
    Dataset<Row> counts =
        changes
            .groupBy(
                window(col("event_time"), "60 seconds", "30 seconds"),
                requestedBy.as("requested_by"))
            .count();
    Dataset<Row> framed =
        counts.select(
            withHeader
                .apply(
                    functions.to_avro(
                        struct(
                            struct(col("window.start").as("start"), col("window.end").as("end"))
                                .as("window"),
                            col("requested_by"),
                            col("count").as("counts")),
                        AvroSchemas.EDIT_COUNT.toString()))
                .as("value"));
    StreamingQuery query =
        framed
            .writeStream()
            .format("kafka")
            .outputMode("append")
            .option("kafka.bootstrap.servers", args.bootstrapServers())
            .option("topic", args.outputTopic())
            .option("checkpointLocation", args.stateDirectory().resolve("checkpoint").toString())
            .start();
    query.awaitTermination();
  }
}
