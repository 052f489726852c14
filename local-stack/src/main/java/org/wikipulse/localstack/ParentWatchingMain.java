package org.wikipulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every long-running child JVM: runs the real main class given as the first
 * argument, and exits the child when its parent is gone. The parent holds the write end of the
 * child's stdin and never writes to it, so end-of-input means the parent has exited, however it
 * exited (even {@code kill -9}, which runs no shutdown hook). Exiting with {@code System.exit} runs
 * the child's own shutdown hooks, so the broker still shuts down cleanly.
 *
 * <p>The launcher copies this one class file into the child's work directory and puts it in front
 * of the child's classpath, so that no other class of this module reaches the child: it must stay
 * self-contained (no nested, anonymous or other classes of this module).
 */
public final class ParentWatchingMain {

  private ParentWatchingMain() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      throw new IllegalArgumentException("Usage: ParentWatchingMain <main class> [arguments...]");
    }
    Thread watcher = new Thread(ParentWatchingMain::exitAtEndOfInput, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitAtEndOfInput() {
    InputStream in = System.in;
    byte[] ignored = new byte[256];
    try {
      while (in.read(ignored) != -1) {
        // Nothing is ever written; reading only detects the end.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end of input.
    }
    System.err.println("Parent process is gone; shutting down.");
    System.exit(1);
  }
}
