package org.wikipulse.adapter.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.ports.DecodeResult;

/**
 * A decoder compiled once for one writer schema: a flat list of steps that read the fields an edit
 * event needs in the writer's order, straight into slots, and skip everything else without decoding
 * it. Gives the same events as Avro resolution to {@link EditEventProjection} (a test proves it
 * over many writer schemas) at several times its speed, because resolution still materializes and
 * steps through a grammar for every skipped field.
 *
 * <p>Compiling gives up, and the caller falls back to Avro resolution, where a needed field's
 * writer type is one the plan does not read (anything but the types the projection reads, their
 * nullable unions, int for long and bytes for string) or a skipped field's type is recursive.
 *
 * <p>By default the plan walks the whole body and rejects bytes left over, like resolution does;
 * {@link #compile(int, Schema, boolean)} can instead stop after the last needed field, which is
 * faster but leaves a malformed tail undetected. Not thread-safe.
 */
final class ReadPlan implements WriterDecoder {
  private static final Map<String, Slot> TOP_LEVEL_SLOTS =
      Map.ofEntries(
          Map.entry("type", Slot.TYPE),
          Map.entry("timestamp", Slot.TIMESTAMP),
          Map.entry("bot", Slot.BOT),
          Map.entry("id", Slot.ID),
          Map.entry("namespace", Slot.NAMESPACE),
          Map.entry("title", Slot.TITLE),
          Map.entry("user", Slot.USER),
          Map.entry("minor", Slot.MINOR),
          Map.entry("wiki", Slot.WIKI),
          Map.entry("server_name", Slot.SERVER_NAME));
  private static final Map<String, Map<String, Slot>> NESTED_SLOTS =
      Map.of(
          "length", Map.of("old", Slot.LENGTH_OLD, "new", Slot.LENGTH_NEW),
          "revision", Map.of("old", Slot.REVISION_OLD, "new", Slot.REVISION_NEW),
          "meta", Map.of(EditEventProjection.META_DOMAIN, Slot.META_DOMAIN));

  private final int writerSchemaId;
  private final Step[] steps;
  private final boolean checkEnd;
  private final AvroCursor cursor = new AvroCursor();
  private final Object[] slots = new Object[Slot.values().length];

  private ReadPlan(int writerSchemaId, Step[] steps, boolean checkEnd) {
    this.writerSchemaId = writerSchemaId;
    this.steps = steps;
    this.checkEnd = checkEnd;
  }

  /** The plan for a writer schema that resolves to the projection, if one can be compiled. */
  static Optional<ReadPlan> compile(int writerSchemaId, Schema writer) {
    return compile(writerSchemaId, writer, false);
  }

  /**
   * @param stopAfterLastNeededField skip nothing after the last field an event needs, and so do not
   *     check that the body ends where the record does
   */
  static Optional<ReadPlan> compile(
      int writerSchemaId, Schema writer, boolean stopAfterLastNeededField) {
    if (writer.getType() != Schema.Type.RECORD) {
      return Optional.empty();
    }
    try {
      List<Step> steps = new ArrayList<>();
      int lastNeeded = -1;
      for (Schema.Field field : writer.getFields()) {
        Slot slot = TOP_LEVEL_SLOTS.get(field.name());
        Map<String, Slot> nested = NESTED_SLOTS.get(field.name());
        if (slot != null) {
          steps.add(read(field.schema(), slot));
          lastNeeded = steps.size();
        } else if (nested != null) {
          steps.add(readNested(field.schema(), nested));
          lastNeeded = steps.size();
        } else {
          steps.add(skip(field.schema(), new HashSet<>()));
        }
      }
      List<Step> kept =
          stopAfterLastNeededField ? steps.subList(0, Math.max(0, lastNeeded)) : steps;
      return Optional.of(
          new ReadPlan(writerSchemaId, kept.toArray(Step[]::new), !stopAfterLastNeededField));
    } catch (NotApplicable e) {
      return Optional.empty();
    }
  }

  @Override
  public DecodeResult decode(byte[] value, int offset, int length) {
    Arrays.fill(slots, null);
    cursor.reset(value, offset, length);
    try {
      for (Step step : steps) {
        step.run(cursor, slots);
      }
    } catch (MalformedAvroException e) {
      return BodyErrors.undecodable(writerSchemaId, e);
    }
    if (checkEnd && !cursor.atEnd()) {
      return BodyErrors.trailingBytes(writerSchemaId);
    }
    Long timestamp = (Long) slots[Slot.TIMESTAMP.ordinal()];
    if (timestamp == null) {
      return BodyErrors.missingEventTime(writerSchemaId);
    }
    return new DecodeResult.Decoded(
        new EditEvent(
            (Long) slots[Slot.ID.ordinal()],
            (String) slots[Slot.TYPE.ordinal()],
            (String) slots[Slot.WIKI.ordinal()],
            (String) slots[Slot.SERVER_NAME.ordinal()],
            (String) slots[Slot.TITLE.ordinal()],
            (Long) slots[Slot.NAMESPACE.ordinal()],
            (String) slots[Slot.USER.ordinal()],
            (Boolean) slots[Slot.BOT.ordinal()],
            (Boolean) slots[Slot.MINOR.ordinal()],
            (Long) slots[Slot.LENGTH_OLD.ordinal()],
            (Long) slots[Slot.LENGTH_NEW.ordinal()],
            (Long) slots[Slot.REVISION_OLD.ordinal()],
            (Long) slots[Slot.REVISION_NEW.ordinal()],
            EditEvent.eventTimeOf(timestamp),
            (String) slots[Slot.META_DOMAIN.ordinal()]),
        writerSchemaId);
  }

  /** Where a needed value goes, and what kind of value it is. */
  private enum Slot {
    TYPE(Kind.STRING),
    TIMESTAMP(Kind.LONG),
    BOT(Kind.BOOLEAN),
    ID(Kind.LONG),
    NAMESPACE(Kind.LONG),
    TITLE(Kind.STRING),
    USER(Kind.STRING),
    MINOR(Kind.BOOLEAN),
    LENGTH_OLD(Kind.LONG),
    LENGTH_NEW(Kind.LONG),
    REVISION_OLD(Kind.LONG),
    REVISION_NEW(Kind.LONG),
    WIKI(Kind.STRING),
    SERVER_NAME(Kind.STRING),
    META_DOMAIN(Kind.STRING);

    final Kind kind;

    Slot(Kind kind) {
      this.kind = kind;
    }
  }

  private enum Kind {
    STRING,
    LONG,
    BOOLEAN
  }

  /** One read or skip of the plan. */
  @FunctionalInterface
  private interface Step {
    void run(AvroCursor in, Object[] slots);
  }

  /** The writer's type cannot be planned; resolution handles it. */
  private static final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplicable() {
      super(null, null, false, false);
    }
  }

  private static final Step NOTHING = (in, slots) -> {};

  private static Step read(Schema writer, Slot slot) {
    int index = slot.ordinal();
    switch (writer.getType()) {
      case UNION:
        return union(writer.getTypes().stream().map(branch -> read(branch, slot)).toList());
      case NULL:
        return NOTHING;
      case STRING:
      case BYTES:
        requireKind(slot, Kind.STRING);
        return (in, slots) -> slots[index] = in.readString();
      case LONG:
        requireKind(slot, Kind.LONG);
        return (in, slots) -> slots[index] = in.readLong();
      case INT:
        requireKind(slot, Kind.LONG);
        return (in, slots) -> slots[index] = (long) in.readInt();
      case BOOLEAN:
        requireKind(slot, Kind.BOOLEAN);
        return (in, slots) -> slots[index] = in.readBoolean();
      default:
        throw new NotApplicable();
    }
  }

  private static void requireKind(Slot slot, Kind kind) {
    if (slot.kind != kind) {
      throw new NotApplicable();
    }
  }

  private static Step readNested(Schema writer, Map<String, Slot> fieldSlots) {
    switch (writer.getType()) {
      case UNION:
        return union(
            writer.getTypes().stream().map(branch -> readNested(branch, fieldSlots)).toList());
      case NULL:
        return NOTHING;
      case RECORD:
        List<Step> steps = new ArrayList<>();
        for (Schema.Field field : writer.getFields()) {
          Slot slot = fieldSlots.get(field.name());
          steps.add(
              slot == null ? skip(field.schema(), new HashSet<>()) : read(field.schema(), slot));
        }
        return sequence(steps);
      default:
        throw new NotApplicable();
    }
  }

  private static Step union(List<Step> branches) {
    Step[] byIndex = branches.toArray(Step[]::new);
    int count = byIndex.length;
    return (in, slots) -> byIndex[in.readIndex(count, "union branch")].run(in, slots);
  }

  private static Step sequence(List<Step> steps) {
    Step[] all = steps.toArray(Step[]::new);
    return (in, slots) -> {
      for (Step step : all) {
        step.run(in, slots);
      }
    };
  }

  private static Step skip(Schema writer, Set<String> enclosingRecords) {
    switch (writer.getType()) {
      case NULL:
        return NOTHING;
      case BOOLEAN:
        return (in, slots) -> in.skip(1);
      case INT:
        return (in, slots) -> in.readInt();
      case LONG:
        return (in, slots) -> in.readLong();
      case FLOAT:
        return (in, slots) -> in.skip(4);
      case DOUBLE:
        return (in, slots) -> in.skip(8);
      case STRING:
      case BYTES:
        return (in, slots) -> in.skipBytes();
      case FIXED:
        int size = writer.getFixedSize();
        return (in, slots) -> in.skip(size);
      case ENUM:
        int symbols = writer.getEnumSymbols().size();
        return (in, slots) -> in.readIndex(symbols, "enum symbol");
      case UNION:
        return union(writer.getTypes().stream().map(b -> skip(b, enclosingRecords)).toList());
      case ARRAY:
        return blocks(
            skip(writer.getElementType(), enclosingRecords), isZeroWidth(writer.getElementType()));
      case MAP:
        Step value = skip(writer.getValueType(), enclosingRecords);
        return blocks(
            (in, slots) -> {
              in.skipBytes();
              value.run(in, slots);
            },
            false);
      case RECORD:
        if (!enclosingRecords.add(writer.getFullName())) {
          throw new NotApplicable();
        }
        List<Step> fields = new ArrayList<>();
        for (Schema.Field field : writer.getFields()) {
          fields.add(skip(field.schema(), enclosingRecords));
        }
        enclosingRecords.remove(writer.getFullName());
        return sequence(fields);
      default:
        throw new NotApplicable();
    }
  }

  /** Array and map blocks: a count, negative when followed by the block's byte size; 0 ends. */
  private static Step blocks(Step item, boolean zeroWidthItems) {
    return (in, slots) -> {
      for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
        if (count < 0) {
          long size = in.readBlockCount();
          if (size < 0 || size > Integer.MAX_VALUE) {
            throw new MalformedAvroException("a block size is " + size);
          }
          in.skip((int) size);
        } else if (!zeroWidthItems) {
          // Each item takes at least one byte, so a corrupt count ends at the body's end.
          for (long i = 0; i < count; i++) {
            item.run(in, slots);
          }
        }
      }
    };
  }

  /** Whether values of the type take no bytes at all (null, or records of such). */
  private static boolean isZeroWidth(Schema type) {
    return switch (type.getType()) {
      case NULL -> true;
      case FIXED -> type.getFixedSize() == 0;
      case RECORD -> type.getFields().stream().allMatch(f -> isZeroWidth(f.schema()));
      default -> false;
    };
  }
}
