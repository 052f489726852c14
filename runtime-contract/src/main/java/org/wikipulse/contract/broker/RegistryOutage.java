package org.wikipulse.contract.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of the shared registry that can refuse every connection for a while: the
 * registry unreachable, as a pipeline sees it, while the registry itself (shared by every test of
 * the JVM, its schemas in memory) keeps running. Written here because a forwarder is a few lines,
 * where a proxy library would be a dependency for one test.
 */
final class RegistryOutage implements AutoCloseable {
  private final ServerSocket server;
  private final URI registry;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile boolean down;

  private RegistryOutage(URI registry) throws IOException {
    this.registry = registry;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "registry-outage-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts forwarding to the registry at {@code registryUrl}, reachable for now. */
  static RegistryOutage inFrontOf(String registryUrl) throws IOException {
    return new RegistryOutage(URI.create(registryUrl));
  }

  /** The registry's URL through this forwarder. */
  String url() {
    return registry.getScheme()
        + "://127.0.0.1:"
        + server.getLocalPort()
        + (registry.getRawPath() == null ? "" : registry.getRawPath());
  }

  /** From now on every connection is closed at once, those already open included. */
  void begin() {
    down = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }

  /** Forwards again. */
  void end() {
    down = false;
  }

  /** Connections closed because the registry was down: proof that the pipeline asked then. */
  int refused() {
    return refused.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (down) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket(registry.getHost(), registry.getPort());
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // One side closed: the other goes with it below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "registry-outage-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is wanted.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
  }
}
