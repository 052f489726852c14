package org.wikipulse.adapter.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The row shapes of Spark's Kafka source (with {@code includeHeaders}) and Kafka sink (with a
 * per-row {@code topic}), as the transform reads and writes them.
 */
final class KafkaColumns {
  static final String KEY = "key";
  static final String VALUE = "value";
  static final String TOPIC = "topic";
  static final String PARTITION = "partition";
  static final String OFFSET = "offset";
  static final String HEADERS = "headers";

  /** One Kafka header: a string key and a binary value, as Spark's Kafka connector types it. */
  static final StructType HEADER =
      new StructType(
          new StructField[] {
            DataTypes.createStructField("key", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)
          });

  static final ArrayType HEADERS_TYPE = DataTypes.createArrayType(HEADER, true);

  /** The source columns the transform uses, in the types of Spark's Kafka source. */
  static final StructType SOURCE =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(KEY, DataTypes.BinaryType, true),
            DataTypes.createStructField(VALUE, DataTypes.BinaryType, true),
            DataTypes.createStructField(TOPIC, DataTypes.StringType, true),
            DataTypes.createStructField(PARTITION, DataTypes.IntegerType, true),
            DataTypes.createStructField(OFFSET, DataTypes.LongType, true),
            DataTypes.createStructField(HEADERS, HEADERS_TYPE, true)
          });

  private KafkaColumns() {}
}
