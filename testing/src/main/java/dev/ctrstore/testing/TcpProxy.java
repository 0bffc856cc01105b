package dev.ctrstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process TCP proxy on a loopback port, between a store and its database server, that can
 * break the path on command:
 *
 * <ul>
 *   <li>{@link #dropAll()}: resets every open connection (both sides see a reset at once);
 *   <li>{@link #stall()}: keeps every connection, old and new, open but forwards no byte, as a
 *       network that silently loses packets or a server that hangs;
 *   <li>{@link #refuse()}: resets every new connection as soon as it is accepted (and, unless
 *       combined with {@link #dropAll()}, leaves established ones alone);
 *   <li>{@link #heal()}: forwards again, including the bytes held back while stalled.
 * </ul>
 *
 * Every call that breaks something counts as one injected fault ({@link #faultsInjected()}).
 * Shared by the reliability tests and the Spring Boot starter's health test.
 */
public final class TcpProxy implements AutoCloseable {
  private static final AtomicLong TOTAL_FAULTS = new AtomicLong();

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong faults = new AtomicLong();
  private volatile boolean stalled;
  private volatile boolean refusing;
  private volatile boolean closed;

  /** A proxy on a free loopback port to {@code targetHost:targetPort}, forwarding at once. */
  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "proxy-accept-" + port());
    t.setDaemon(true);
    t.start();
  }

  /** A proxy to {@code host:port} (3306 when no port is given). */
  public static TcpProxy to(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    int port = colon < 0 ? 3306 : Integer.parseInt(hostPort.substring(colon + 1));
    return new TcpProxy(host, port);
  }

  /** The loopback port the proxy listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Faults injected through this proxy. */
  public long faultsInjected() {
    return faults.get();
  }

  /** Faults injected by every proxy of this JVM. */
  public static long totalFaultsInjected() {
    return TOTAL_FAULTS.get();
  }

  /** Resets every open connection. */
  public void dropAll() {
    count();
    for (Socket s : sockets) {
      reset(s);
    }
  }

  /** Forwards no byte on any connection, old or new, until {@link #heal()}. */
  public void stall() {
    count();
    stalled = true;
  }

  /** Resets every new connection as soon as it is accepted, until {@link #heal()}. */
  public void refuse() {
    count();
    refusing = true;
  }

  /** Forwards again, including the bytes held back while stalled. */
  public void heal() {
    refusing = false;
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void count() {
    faults.incrementAndGet();
    TOTAL_FAULTS.incrementAndGet();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      if (refusing) {
        reset(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 5000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
      } catch (IOException e) {
        reset(client);
        closeQuietly(upstream);
        continue;
      }
      sockets.add(client);
      sockets.add(upstream);
      pump(client, upstream, "up");
      pump(upstream, client, "down");
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          awaitFlow();
          if (from.isClosed() || to.isClosed()) {
            break;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the connection was reset or closed: end both sides
      } finally {
        reset(from);
        reset(to);
      }
    }, "proxy-" + direction + "-" + port());
    t.setDaemon(true);
    t.start();
  }

  private void awaitFlow() throws InterruptedException {
    synchronized (gate) {
      while (stalled && !closed) {
        gate.wait(100);
      }
    }
  }

  /** Closes with SO_LINGER 0, so the peer gets a RST rather than an orderly FIN. */
  private void reset(Socket s) {
    sockets.remove(s);
    try {
      if (!s.isClosed()) {
        s.setSoLinger(true, 0);
      }
    } catch (SocketException ignored) {
      // closing anyway
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    closed = true;
    heal();
    try {
      server.close();
    } catch (IOException ignored) {
      // nothing to do
    }
    for (Socket s : sockets) {
      reset(s);
    }
  }
}
