package org.wikipulse.adapter.registry;

import java.util.concurrent.atomic.AtomicInteger;
import org.wikipulse.ports.RegisteredSchema;
import org.wikipulse.ports.SchemaRegistry;

/**
 * Wraps a registry and counts the calls made to it, so tests can prove what is cached. Can also be
 * switched to fail every call as if the registry were down.
 */
public final class CountingSchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;
  private final AtomicInteger schemaByIdCalls = new AtomicInteger();
  private final AtomicInteger registerCalls = new AtomicInteger();
  private volatile RuntimeException failure;

  public CountingSchemaRegistry(SchemaRegistry delegate) {
    this.delegate = delegate;
  }

  /** How many times {@link #schemaById} was called. */
  public int schemaByIdCalls() {
    return schemaByIdCalls.get();
  }

  /** How many times {@link #register} was called. */
  public int registerCalls() {
    return registerCalls.get();
  }

  /** From now on every call throws this, until {@code failWith(null)}. */
  public void failWith(RuntimeException failure) {
    this.failure = failure;
  }

  @Override
  public int register(String subject, String schema) {
    registerCalls.incrementAndGet();
    checkUp();
    return delegate.register(subject, schema);
  }

  @Override
  public String schemaById(int id) {
    schemaByIdCalls.incrementAndGet();
    checkUp();
    return delegate.schemaById(id);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    checkUp();
    return delegate.latest(subject);
  }

  private void checkUp() {
    RuntimeException current = failure;
    if (current != null) {
      throw current;
    }
  }
}
