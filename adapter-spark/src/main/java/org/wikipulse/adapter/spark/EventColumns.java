package org.wikipulse.adapter.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.domain.EditRules;

/**
 * A decoded event as the query needs it: its event time, whether it is counted and by whom; or the
 * marker left by a record that was dead-lettered instead (no event time, no actor). The domain's
 * rules are applied here, once per event on the executors, so that no Catalyst expression restates
 * them.
 */
final class EventColumns {
  static final String EVENT_TIME = "eventTime";
  static final String COUNTED = "counted";
  static final String ACTOR = "actor";
  static final String DEAD_LETTERED = "deadLettered";

  static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(EVENT_TIME, DataTypes.TimestampType, true),
            DataTypes.createStructField(COUNTED, DataTypes.BooleanType, false),
            DataTypes.createStructField(ACTOR, DataTypes.StringType, true),
            DataTypes.createStructField(DEAD_LETTERED, DataTypes.BooleanType, false)
          });

  /** The row a dead-lettered record leaves in place of its event. */
  static final Row DEAD_LETTER = RowFactory.create(null, false, null, true);

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

  static Row of(EditEvent event) {
    return RowFactory.create(
        Timestamp.from(event.eventTime()),
        EditRules.isCounted(event),
        EditRules.actorOf(event).label(),
        false);
  }
}
