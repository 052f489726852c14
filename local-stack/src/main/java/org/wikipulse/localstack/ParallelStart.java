package org.wikipulse.localstack;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Starts two child processes at once. When one start fails, the other is interrupted at once
 * (rather than left to run into its own timeout), and whatever did start is closed again, so that a
 * failed start leaves no process behind.
 */
final class ParallelStart {

  private static final System.Logger LOG = System.getLogger(ParallelStart.class.getName());

  /** Long enough for an interrupted start to stop the child it had launched. */
  private static final long CLEANUP_WAIT_SECONDS = 60;

  /** Both started things. */
  record Both<A, B>(A first, B second) {}

  private ParallelStart() {}

  static <A extends AutoCloseable, B extends AutoCloseable> Both<A, B> start(
      Callable<A> first, Callable<B> second) {
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "local-stack-start");
              thread.setDaemon(true);
              return thread;
            });
    ExecutorCompletionService<AutoCloseable> completion = new ExecutorCompletionService<>(threads);
    // Each task records what it started before returning: a start that completes just as it is
    // cancelled loses its Future's result, but not this record.
    Queue<AutoCloseable> started = new ConcurrentLinkedQueue<>();
    Future<AutoCloseable> firstStart = completion.submit(() -> record(started, first.call()));
    Future<AutoCloseable> secondStart = completion.submit(() -> record(started, second.call()));
    RuntimeException failure = null;
    try {
      for (int finished = 0; finished < 2; finished++) {
        try {
          completion.take().get();
        } catch (ExecutionException e) {
          failure = merge(failure, asRuntime(e.getCause()));
          firstStart.cancel(true);
          secondStart.cancel(true);
        } catch (CancellationException e) {
          // Cancelled above because the other one failed.
        }
      }
    } catch (InterruptedException e) {
      firstStart.cancel(true);
      secondStart.cancel(true);
      Thread.currentThread().interrupt();
      failure = merge(failure, new LocalStackStartException("Interrupted while starting", e));
    } finally {
      threads.shutdown();
    }
    if (failure == null) {
      @SuppressWarnings("unchecked")
      A a = (A) getNow(firstStart);
      @SuppressWarnings("unchecked")
      B b = (B) getNow(secondStart);
      return new Both<>(a, b);
    }
    awaitCancelledStarts(threads);
    started.forEach(ParallelStart::closeQuietly);
    throw failure;
  }

  private static AutoCloseable record(Queue<AutoCloseable> started, AutoCloseable process) {
    started.add(process);
    return process;
  }

  private static AutoCloseable getNow(Future<AutoCloseable> done) {
    try {
      return done.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("A start counted as done is not", e);
    }
  }

  private static void awaitCancelledStarts(ExecutorService threads) {
    boolean interrupted = Thread.interrupted();
    try {
      if (!threads.awaitTermination(CLEANUP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(
            Level.WARNING, "A cancelled start did not finish within {0} s", CLEANUP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException asRuntime(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new LocalStackStartException(cause.toString(), cause);
  }

  private static RuntimeException merge(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static void closeQuietly(AutoCloseable started) {
    try {
      started.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Could not stop {0} after a failed start: {1}", started, e.toString());
    }
  }
}
