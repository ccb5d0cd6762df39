package org.moodlemigrate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real server, for faults that only a network makes: the tool connects to
 * the proxy, the proxy to the server, and bytes pass unchanged until a test tells it otherwise.
 *
 * <ul>
 *   <li>{@link #loseCommitAcknowledgements(int)}: on a PostgreSQL connection that sent a {@code
 *       COPY} and then a {@code COMMIT}, the server's answer to the commit is dropped, and the
 *       connection with it. The server has committed; the client sees a connection lost during
 *       {@code COMMIT} and cannot know.
 *   <li>{@link #freeze()}: nothing passes either way, and nothing is closed: a paused server, a
 *       half-open connection. {@link #thaw()} lets bytes pass again.
 * </ul>
 *
 * <p>The server is real; only the wire between is played with.
 */
public final class FaultProxy implements AutoCloseable {
  private static final byte[] COPY = "COPY ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMIT = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

  private final String host;
  private final int port;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger commitsToLose = new AtomicInteger();
  private final AtomicInteger commitsLost = new AtomicInteger();
  private volatile boolean frozen;
  private volatile boolean closed;

  public FaultProxy(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port to connect to instead of the server's. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Drops the server's answer to the next {@code times} commits that follow a COPY. */
  public void loseCommitAcknowledgements(int times) {
    commitsToLose.set(times);
  }

  /** How many commit acknowledgements were dropped. */
  public int commitsLost() {
    return commitsLost.get();
  }

  /** Stops every byte, both ways, without closing anything. */
  public void freeze() {
    frozen = true;
  }

  public void thaw() {
    frozen = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        // A frozen network delays the connection to the server too: connected now, the server
        // would greet into the void and hang up after its own handshake timeout (MariaDB's
        // connect_timeout, 10 s), which is not what a frozen network does.
        while (frozen && !closed) {
          Thread.sleep(20);
        }
        Socket server = new Socket();
        server.connect(new InetSocketAddress(host, port), 10_000);
        sockets.add(client);
        sockets.add(server);
        Connection c = new Connection(client, server);
        start(() -> c.pump(client, server, true), "fault-proxy-up");
        start(() -> c.pump(server, client, false), "fault-proxy-down");
      } catch (IOException e) {
        if (!closed) {
          // A failed upstream connect: the client's socket closes, as a real network would.
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** One client connection and its server connection. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile boolean sawCopy;
    private volatile boolean dropNextAnswer;
    private final byte[] tail = new byte[COMMIT.length];
    private int tailLength;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void pump(Socket from, Socket to, boolean up) {
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          while (frozen && !closed) {
            Thread.sleep(20);
          }
          if (up) {
            watch(buf, n);
          } else if (dropNextAnswer) {
            commitsLost.incrementAndGet();
            closeBoth();
            return;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // Either side went away: so does the other.
      }
      closeBoth();
    }

    /** Looks for COPY, then COMMIT, in what the client sends (also across reads). */
    private void watch(byte[] buf, int n) {
      byte[] window = new byte[tailLength + n];
      System.arraycopy(tail, 0, window, 0, tailLength);
      System.arraycopy(buf, 0, window, tailLength, n);
      int from = 0;
      if (!sawCopy) {
        // A COPY statement: a simple-query message ('Q', its length, then the text), as pgjdbc
        // sends COPY; not the word in the text of some other statement.
        for (int at = indexOf(window, COPY, 0); at >= 0; at = indexOf(window, COPY, at + 1)) {
          if (at >= 5 && window[at - 5] == 'Q') {
            sawCopy = true;
            from = at;
            break;
          }
        }
      }
      if (sawCopy && indexOf(window, COMMIT, from) >= 0) {
        sawCopy = false;
        if (commitsToLose.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
          dropNextAnswer = true;
        }
      }
      tailLength = Math.min(COMMIT.length - 1, window.length);
      System.arraycopy(window, window.length - tailLength, tail, 0, tailLength);
    }

    private void closeBoth() {
      quietly(client);
      quietly(server);
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    frozen = false;
    listener.close();
    sockets.forEach(FaultProxy::quietly);
  }
}
