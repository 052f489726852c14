package org.wikipulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1, found by letting the kernel pick one. A child process binds them a
 * moment later; the small window in between is the price of not needing a fixed port.
 */
final class FreePort {

  static final String LOOPBACK = "127.0.0.1";

  /** How often a child is started on new ports after losing one to another process. */
  static final int BIND_ATTEMPTS = 3;

  private FreePort() {}

  /** {@code count} distinct free ports: all sockets stay open until every port has been chosen. */
  static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that never accepted cannot lose anything.
        }
      }
    }
  }

  /**
   * {@code port} itself, or a free one when it is 0. A port that is taken fails here at once rather
   * than after the child has spent seconds starting up.
   */
  static int orFree(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port must be 0 (any free port) or 1-65535, was " + port);
    }
    if (port == 0) {
      return pick(1).get(0);
    }
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
      return port;
    } catch (IOException e) {
      throw new LocalStackStartException(
          "Port " + port + " on " + LOOPBACK + " is already in use: choose another or 0 for any");
    }
  }

  /** A free port other than {@code taken}. */
  static int pickOtherThan(int taken) {
    while (true) {
      int picked = pick(1).get(0);
      if (picked != taken) {
        return picked;
      }
    }
  }
}
