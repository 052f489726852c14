package org.wikipulse.localstack;

/**
 * One {@link LocalStack} per JVM for tests: started by the first {@link #get()}, stopped by a
 * shutdown hook when the JVM exits. Tests must not close it; they share its broker and registry, so
 * each test should use its own topic and subject names.
 */
public final class SharedLocalStack {

  private static LocalStack stack;
  private static LocalStackStartException failure;

  private SharedLocalStack() {}

  /**
   * The started stack; the first call starts it and blocks until both are ready.
   *
   * @throws LocalStackStartException if it could not be started; later calls fail the same way at
   *     once instead of waiting for another timeout
   */
  public static synchronized LocalStack get() {
    if (failure != null) {
      throw new LocalStackStartException(
          "The shared local stack failed to start earlier in this JVM: " + failure.getMessage(),
          failure);
    }
    if (stack == null) {
      try {
        stack = LocalStack.start();
      } catch (RuntimeException e) {
        failure =
            e instanceof LocalStackStartException start
                ? start
                : new LocalStackStartException(e.toString(), e);
        throw failure;
      }
      LocalStack started = stack;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-shutdown"));
    }
    return stack;
  }
}
