package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;

/**
 * Decoded events as the query needs them, a row per group of a partition's events that share an
 * event time, whether they are counted and by whom, with how many events it stands for; or a row
 * for the records of a partition that were dead-lettered instead. The domain's rules are applied
 * here, once per event on the executors, so that no Catalyst expression restates them.
 */
final class EventColumns {
  static final String EVENT_TIME = "eventTime";
  static final String COUNTED = "counted";
  static final String ACTOR = "actor";
  static final String DEAD_LETTERED = "deadLettered";
  static final String EVENTS = "events";

  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TIME, DataTypes.TimestampType, false),
            DataTypes.createStructField(COUNTED, DataTypes.BooleanType, false),
            DataTypes.createStructField(ACTOR, DataTypes.StringType, false),
            DataTypes.createStructField(DEAD_LETTERED, DataTypes.BooleanType, false),
            DataTypes.createStructField(EVENTS, DataTypes.LongType, false)
          });

  private EventColumns() {}

  /**
   * Whether the event is counted, as a filter that references the event time on purpose: Spark's
   * optimizer pushes a filter that does not (its {@code PushPredicateThroughNonJoin}) below {@code
   * withWatermark}, where non-edits and canaries would no longer advance event time. The plainer
   * {@code when(counted, eventTime).isNotNull()} is simplified back to {@code counted} and pushed.
   */
  static Column countedAfterWatermark() {
    return when(col(COUNTED), col(EVENT_TIME)).eqNullSafe(col(EVENT_TIME));
  }

  /**
   * What the query needs to know of an event. Events that are not counted differ only in their
   * event time, which still moves the watermark, so their actor is left empty.
   */
  record Group(Instant eventTime, boolean counted, String actor) {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    static Group of(EditEvent event) {
      boolean counted = EditRules.isCounted(event);
      return new Group(event.eventTime(), counted, counted ? EditRules.actorOf(event).label() : "");
    }

    /**
     * Mixed rather than the record's default sum of products, which puts eight groups of nearby
     * seconds into one bucket often enough for the combining map to turn those buckets into trees
     * (slow for keys that are not comparable: an eighth of the decoding step's time in a profile).
     */
    @Override
    public int hashCode() {
      long h = eventTime.getEpochSecond() * GOLDEN + eventTime.getNano();
      h = (h * GOLDEN + actor.hashCode()) * GOLDEN + (counted ? 1 : 0);
      h = (h ^ (h >>> 31)) * MIX;
      return (int) (h ^ (h >>> 32));
    }

    Row row(long events) {
      return RowFactory.create(Timestamp.from(eventTime), counted, actor, false, events);
    }
  }

  /**
   * The row standing for dead-lettered records, removed before the watermark. Its event time and
   * actor are placeholders rather than nulls: nullable columns would make the output value's Avro
   * conversion warn in every task, since the registered schema allows no nulls.
   */
  static Row deadLettered(long records) {
    return RowFactory.create(new Timestamp(0), false, "", true, records);
  }
}
