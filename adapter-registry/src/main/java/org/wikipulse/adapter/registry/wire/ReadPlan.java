package org.wikipulse.adapter.registry.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.wikipulse.domain.EditEvent;
import org.wikipulse.ports.DecodeResult;

/**
 * A decoder compiled once for one writer schema: a flat program of reads and skips in the writer's
 * field order that reads the fields an edit event needs straight into slots and steps over
 * everything else without decoding it. Gives the same events as Avro resolution to {@link
 * EditEventProjection} (a test proves it over many writer schemas) at several times its speed,
 * since resolution still materializes and walks a grammar for every skipped field.
 *
 * <p>The program is an int array run by one switch, so the hot loop has no virtual calls; nullable
 * unions ({@code ["null", X]} in either order) are an instruction that jumps over X's code when the
 * value is null. Skipped enums, arrays, maps and other unions call a small skipper object.
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

  // Instructions; operands follow the opcode.
  private static final int READ_STRING = 0; // slot
  private static final int READ_LONG = 1; // slot
  private static final int READ_INT = 2; // slot
  private static final int READ_BOOLEAN = 3; // slot
  private static final int SKIP_BYTES = 4;
  private static final int SKIP_LONG = 5;
  private static final int SKIP_INT = 6;
  private static final int SKIP_FIXED = 7; // byte count
  private static final int NULLABLE = 8; // index of the null branch, length of the other's code
  private static final int CALL = 9; // skipper index
  private static final int READ_CACHED_STRING = 10; // slot
  // Reads the byte rather than skipping it: a boolean other than 0 or 1 is malformed, as the full
  // reader (and so `wikipulse consume`) says, and a frame one tool rejects the other must not
  // count.
  private static final int SKIP_BOOLEAN = 11;
  // A nullable union around one simple instruction, fused into one so that the loop dispatches
  // half as often: OPTIONAL + the instruction, operands the null branch's index then the
  // instruction's own.
  private static final int OPTIONAL = 16;
  private static final int OPTIONAL_READ_STRING = OPTIONAL + READ_STRING;
  private static final int OPTIONAL_READ_LONG = OPTIONAL + READ_LONG;
  private static final int OPTIONAL_READ_INT = OPTIONAL + READ_INT;
  private static final int OPTIONAL_READ_BOOLEAN = OPTIONAL + READ_BOOLEAN;
  private static final int OPTIONAL_SKIP_BYTES = OPTIONAL + SKIP_BYTES;
  private static final int OPTIONAL_SKIP_LONG = OPTIONAL + SKIP_LONG;
  private static final int OPTIONAL_SKIP_INT = OPTIONAL + SKIP_INT;
  private static final int OPTIONAL_SKIP_FIXED = OPTIONAL + SKIP_FIXED;
  private static final int OPTIONAL_READ_CACHED_STRING = OPTIONAL + READ_CACHED_STRING;
  private static final int OPTIONAL_SKIP_BOOLEAN = OPTIONAL + SKIP_BOOLEAN;

  private final int writerSchemaId;
  private final int[] code;
  private final Skipper[] skippers;
  private final boolean checkEnd;
  private final AvroCursor cursor = new AvroCursor();
  private final Object[] objects = new Object[Slot.values().length];
  private final long[] longs = new long[Slot.values().length];
  private final StringCache strings = new StringCache();
  private long longsPresent;

  private ReadPlan(int writerSchemaId, int[] code, Skipper[] skippers, boolean checkEnd) {
    this.writerSchemaId = writerSchemaId;
    this.code = code;
    this.skippers = skippers;
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
      Compiler compiler = new Compiler();
      int endOfLastNeeded = 0;
      for (Schema.Field field : writer.getFields()) {
        Slot slot = TOP_LEVEL_SLOTS.get(field.name());
        Map<String, Slot> nested = NESTED_SLOTS.get(field.name());
        if (slot != null) {
          compiler.read(field.schema(), slot);
          endOfLastNeeded = compiler.code.size();
        } else if (nested != null) {
          compiler.readNested(field.schema(), nested);
          endOfLastNeeded = compiler.code.size();
        } else {
          compiler.skip(field.schema(), new HashSet<>());
        }
      }
      List<Integer> kept =
          stopAfterLastNeededField ? compiler.code.subList(0, endOfLastNeeded) : compiler.code;
      return Optional.of(
          new ReadPlan(
              writerSchemaId,
              kept.stream().mapToInt(Integer::intValue).toArray(),
              compiler.skippers.toArray(Skipper[]::new),
              !stopAfterLastNeededField));
    } catch (NotApplicable e) {
      return Optional.empty();
    }
  }

  @Override
  public DecodeResult decode(byte[] value, int offset, int length) {
    Arrays.fill(objects, null);
    longsPresent = 0;
    cursor.reset(value, offset, length);
    try {
      run(cursor);
    } catch (MalformedAvroException e) {
      return BodyErrors.undecodable(writerSchemaId, e);
    }
    if (checkEnd && !cursor.atEnd()) {
      return BodyErrors.trailingBytes(writerSchemaId);
    }
    Long timestamp = longOf(Slot.TIMESTAMP);
    if (timestamp == null) {
      return BodyErrors.missingEventTime(writerSchemaId);
    }
    return new DecodeResult.Decoded(
        new EditEvent(
            longOf(Slot.ID),
            (String) objects[Slot.TYPE.ordinal()],
            (String) objects[Slot.WIKI.ordinal()],
            (String) objects[Slot.SERVER_NAME.ordinal()],
            (String) objects[Slot.TITLE.ordinal()],
            longOf(Slot.NAMESPACE),
            (String) objects[Slot.USER.ordinal()],
            (Boolean) objects[Slot.BOT.ordinal()],
            (Boolean) objects[Slot.MINOR.ordinal()],
            longOf(Slot.LENGTH_OLD),
            longOf(Slot.LENGTH_NEW),
            longOf(Slot.REVISION_OLD),
            longOf(Slot.REVISION_NEW),
            EditEvent.eventTimeOf(timestamp),
            (String) objects[Slot.META_DOMAIN.ordinal()]),
        writerSchemaId);
  }

  private void run(AvroCursor in) {
    int[] program = code;
    int pc = 0;
    while (pc < program.length) {
      switch (program[pc]) {
        case READ_STRING -> {
          objects[program[pc + 1]] = in.readString();
          pc += 2;
        }
        case READ_CACHED_STRING -> {
          objects[program[pc + 1]] = in.readString(strings);
          pc += 2;
        }
        case READ_LONG -> {
          setLong(program[pc + 1], in.readLong());
          pc += 2;
        }
        case READ_INT -> {
          setLong(program[pc + 1], in.readInt());
          pc += 2;
        }
        case READ_BOOLEAN -> {
          objects[program[pc + 1]] = in.readBoolean() ? Boolean.TRUE : Boolean.FALSE;
          pc += 2;
        }
        case SKIP_BYTES -> {
          in.skipBytes();
          pc++;
        }
        case SKIP_LONG -> {
          in.readLong();
          pc++;
        }
        case SKIP_INT -> {
          in.readInt();
          pc++;
        }
        case SKIP_FIXED -> {
          in.skip(program[pc + 1]);
          pc += 2;
        }
        case SKIP_BOOLEAN -> {
          in.readBoolean();
          pc++;
        }
        case NULLABLE -> {
          boolean isNull = in.readIndex(2, "union branch") == program[pc + 1];
          pc += isNull ? 3 + program[pc + 2] : 3;
        }
        case CALL -> {
          skippers[program[pc + 1]].skip(in);
          pc += 2;
        }
        case OPTIONAL_READ_STRING -> {
          if (isPresent(in, program[pc + 1])) {
            objects[program[pc + 2]] = in.readString();
          }
          pc += 3;
        }
        case OPTIONAL_READ_CACHED_STRING -> {
          if (isPresent(in, program[pc + 1])) {
            objects[program[pc + 2]] = in.readString(strings);
          }
          pc += 3;
        }
        case OPTIONAL_READ_LONG -> {
          if (isPresent(in, program[pc + 1])) {
            setLong(program[pc + 2], in.readLong());
          }
          pc += 3;
        }
        case OPTIONAL_READ_INT -> {
          if (isPresent(in, program[pc + 1])) {
            setLong(program[pc + 2], in.readInt());
          }
          pc += 3;
        }
        case OPTIONAL_READ_BOOLEAN -> {
          if (isPresent(in, program[pc + 1])) {
            objects[program[pc + 2]] = in.readBoolean() ? Boolean.TRUE : Boolean.FALSE;
          }
          pc += 3;
        }
        case OPTIONAL_SKIP_BYTES -> {
          if (isPresent(in, program[pc + 1])) {
            in.skipBytes();
          }
          pc += 2;
        }
        case OPTIONAL_SKIP_LONG -> {
          if (isPresent(in, program[pc + 1])) {
            in.readLong();
          }
          pc += 2;
        }
        case OPTIONAL_SKIP_INT -> {
          if (isPresent(in, program[pc + 1])) {
            in.readInt();
          }
          pc += 2;
        }
        case OPTIONAL_SKIP_FIXED -> {
          if (isPresent(in, program[pc + 1])) {
            in.skip(program[pc + 2]);
          }
          pc += 3;
        }
        case OPTIONAL_SKIP_BOOLEAN -> {
          if (isPresent(in, program[pc + 1])) {
            in.readBoolean();
          }
          pc += 2;
        }
        default -> throw new IllegalStateException("Unknown instruction " + program[pc]);
      }
    }
  }

  private static boolean isPresent(AvroCursor in, int nullIndex) {
    return in.readIndex(2, "union branch") != nullIndex;
  }

  private void setLong(int slot, long value) {
    longs[slot] = value;
    longsPresent |= 1L << slot;
  }

  private Long longOf(Slot slot) {
    int index = slot.ordinal();
    return (longsPresent & (1L << index)) == 0 ? null : longs[index];
  }

  /** Where a needed value goes, and what kind of value it is. */
  private enum Slot {
    TYPE(Kind.STRING, true),
    TIMESTAMP(Kind.LONG, false),
    BOT(Kind.BOOLEAN, false),
    ID(Kind.LONG, false),
    NAMESPACE(Kind.LONG, false),
    TITLE(Kind.STRING, false),
    USER(Kind.STRING, false),
    MINOR(Kind.BOOLEAN, false),
    LENGTH_OLD(Kind.LONG, false),
    LENGTH_NEW(Kind.LONG, false),
    REVISION_OLD(Kind.LONG, false),
    REVISION_NEW(Kind.LONG, false),
    WIKI(Kind.STRING, true),
    SERVER_NAME(Kind.STRING, true),
    META_DOMAIN(Kind.STRING, true);

    final Kind kind;

    /** Whether the field has few distinct values, so that caching its strings pays. */
    final boolean fewValues;

    Slot(Kind kind, boolean fewValues) {
      this.kind = kind;
      this.fewValues = fewValues;
    }
  }

  private enum Kind {
    STRING,
    LONG,
    BOOLEAN
  }

  /** Steps over a value of a type that has no instruction of its own. */
  @FunctionalInterface
  private interface Skipper {
    void skip(AvroCursor in);
  }

  /** The writer's type cannot be planned; resolution handles it. */
  private static final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplicable() {
      super(null, null, false, false);
    }
  }

  /** Emits the program for one writer schema. */
  private static final class Compiler {
    final List<Integer> code = new ArrayList<>();
    final List<Skipper> skippers = new ArrayList<>();

    void read(Schema writer, Slot slot) {
      switch (writer.getType()) {
        case UNION -> nullable(writer, branch -> read(branch, slot));
        case NULL -> {}
        case STRING, BYTES ->
            emit(slot, Kind.STRING, slot.fewValues ? READ_CACHED_STRING : READ_STRING);
        case LONG -> emit(slot, Kind.LONG, READ_LONG);
        case INT -> emit(slot, Kind.LONG, READ_INT);
        case BOOLEAN -> emit(slot, Kind.BOOLEAN, READ_BOOLEAN);
        default -> throw new NotApplicable();
      }
    }

    void readNested(Schema writer, Map<String, Slot> fieldSlots) {
      switch (writer.getType()) {
        case UNION -> nullable(writer, branch -> readNested(branch, fieldSlots));
        case NULL -> {}
        case RECORD -> {
          for (Schema.Field field : writer.getFields()) {
            Slot slot = fieldSlots.get(field.name());
            if (slot == null) {
              skip(field.schema(), new HashSet<>());
            } else {
              read(field.schema(), slot);
            }
          }
        }
        default -> throw new NotApplicable();
      }
    }

    void skip(Schema writer, Set<String> enclosingRecords) {
      switch (writer.getType()) {
        case NULL -> {}
        case BOOLEAN -> code.add(SKIP_BOOLEAN);
        case INT -> code.add(SKIP_INT);
        case LONG -> code.add(SKIP_LONG);
        case FLOAT -> code.addAll(List.of(SKIP_FIXED, 4));
        case DOUBLE -> code.addAll(List.of(SKIP_FIXED, 8));
        case STRING, BYTES -> code.add(SKIP_BYTES);
        case FIXED -> code.addAll(List.of(SKIP_FIXED, writer.getFixedSize()));
        case RECORD -> {
          enter(writer, enclosingRecords);
          for (Schema.Field field : writer.getFields()) {
            skip(field.schema(), enclosingRecords);
          }
          enclosingRecords.remove(writer.getFullName());
        }
        case UNION -> {
          if (isNullable(writer)) {
            nullable(writer, branch -> skip(branch, enclosingRecords));
          } else {
            call(skipper(writer, enclosingRecords));
          }
        }
        default -> call(skipper(writer, enclosingRecords));
      }
    }

    private void emit(Slot slot, Kind kind, int instruction) {
      if (slot.kind != kind) {
        throw new NotApplicable();
      }
      code.addAll(List.of(instruction, slot.ordinal()));
    }

    private void call(Skipper skipper) {
      code.addAll(List.of(CALL, skippers.size()));
      skippers.add(skipper);
    }

    /** A union of null and one other type: a jump over the other's code when null. */
    private void nullable(Schema union, Consumer<Schema> nonNullCode) {
      List<Schema> branches = union.getTypes();
      if (branches.size() == 1) {
        nonNullCode.accept(branches.get(0));
        return;
      }
      if (!isNullable(union)) {
        throw new NotApplicable();
      }
      int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
      code.addAll(List.of(NULLABLE, nullIndex, 0));
      int start = code.size();
      nonNullCode.accept(branches.get(1 - nullIndex));
      int length = code.size() - start;
      code.set(start - 1, length);
      if (length > 0 && isFusable(code.get(start)) && length == 1 + operandCount(code.get(start))) {
        fuse(start);
      }
    }

    /** Replaces NULLABLE + one simple instruction by its OPTIONAL form. */
    private void fuse(int start) {
      List<Integer> instruction = new ArrayList<>(code.subList(start, code.size()));
      int nullIndex = code.get(start - 2);
      code.subList(start - 3, code.size()).clear();
      code.add(OPTIONAL + instruction.get(0));
      code.add(nullIndex);
      code.addAll(instruction.subList(1, instruction.size()));
    }

    private static boolean isFusable(int instruction) {
      return instruction != NULLABLE && instruction != CALL && instruction < OPTIONAL;
    }

    private static int operandCount(int instruction) {
      return switch (instruction) {
        case SKIP_BYTES, SKIP_LONG, SKIP_INT, SKIP_BOOLEAN -> 0;
        case NULLABLE -> 2;
        default -> 1;
      };
    }

    private static boolean isNullable(Schema union) {
      List<Schema> branches = union.getTypes();
      return branches.size() == 2
          && (branches.get(0).getType() == Schema.Type.NULL)
              != (branches.get(1).getType() == Schema.Type.NULL);
    }

    private static void enter(Schema record, Set<String> enclosingRecords) {
      if (!enclosingRecords.add(record.getFullName())) {
        throw new NotApplicable();
      }
    }

    /** A skipper object for types without an instruction: enums, arrays, maps, other unions. */
    private static Skipper skipper(Schema writer, Set<String> enclosingRecords) {
      switch (writer.getType()) {
        case NULL:
          return in -> {};
        case BOOLEAN:
          return AvroCursor::readBoolean;
        case INT:
          return AvroCursor::readInt;
        case LONG:
          return AvroCursor::readLong;
        case FLOAT:
          return in -> in.skip(4);
        case DOUBLE:
          return in -> in.skip(8);
        case STRING:
        case BYTES:
          return AvroCursor::skipBytes;
        case FIXED:
          int size = writer.getFixedSize();
          return in -> in.skip(size);
        case ENUM:
          int symbols = writer.getEnumSymbols().size();
          return in -> in.readIndex(symbols, "enum symbol");
        case UNION:
          Skipper[] branches =
              writer.getTypes().stream()
                  .map(b -> skipper(b, enclosingRecords))
                  .toArray(Skipper[]::new);
          return in -> branches[in.readIndex(branches.length, "union branch")].skip(in);
        case ARRAY:
          return blocks(
              skipper(writer.getElementType(), enclosingRecords),
              isZeroWidth(writer.getElementType()));
        case MAP:
          Skipper value = skipper(writer.getValueType(), enclosingRecords);
          return blocks(
              in -> {
                in.skipBytes();
                value.skip(in);
              },
              false);
        case RECORD:
          enter(writer, enclosingRecords);
          Skipper[] fields =
              writer.getFields().stream()
                  .map(f -> skipper(f.schema(), enclosingRecords))
                  .toArray(Skipper[]::new);
          enclosingRecords.remove(writer.getFullName());
          return in -> {
            for (Skipper field : fields) {
              field.skip(in);
            }
          };
        default:
          throw new NotApplicable();
      }
    }

    /** Array and map blocks: a count, negative when followed by the block's byte size; 0 ends. */
    private static Skipper blocks(Skipper item, boolean zeroWidthItems) {
      return in -> {
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
              item.skip(in);
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
}
