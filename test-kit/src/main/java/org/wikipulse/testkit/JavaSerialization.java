package org.wikipulse.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** Java serialization there and back, as a distributed runtime ships a value to its workers. */
public final class JavaSerialization {
  private JavaSerialization() {}

  /** The value after writing it to bytes and reading it back. */
  public static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      @SuppressWarnings("unchecked")
      T copy = (T) in.readObject();
      return copy;
    }
  }
}
