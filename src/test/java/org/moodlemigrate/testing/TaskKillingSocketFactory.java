package org.moodlemigrate.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * A PostgreSQL JDBC socket factory ({@code ?socketFactory=} + this class's name in the target's
 * URI) that kills the worker's task once, in the middle of a chunk: on the first connection whose
 * {@code COPY … FROM STDIN} has sent more than the armed number of bytes, it closes the socket (the
 * server sees the client vanish and rolls the chunk's transaction back, as when a task manager
 * dies) and throws an {@link Error}, which no part of the tool handles, so it leaves the copy DoFn
 * and fails the task, the way a lost task does on a cluster. Armed by the test, once per JVM.
 */
public final class TaskKillingSocketFactory extends SocketFactory {
  /** What the socket throws: a task killed mid-chunk. */
  public static final class InjectedTaskKill extends Error {
    private static final long serialVersionUID = 1L;

    InjectedTaskKill(String message) {
      super(message);
    }
  }

  private static final AtomicLong ARMED_AFTER = new AtomicLong(-1);
  private static final AtomicBoolean FIRED = new AtomicBoolean();

  /** Public, without arguments: how the driver makes one. */
  public TaskKillingSocketFactory() {}

  /** The next COPY that sends more than {@code bytes} bytes is killed; only that one. */
  public static void arm(long bytes) {
    FIRED.set(false);
    ARMED_AFTER.set(bytes);
  }

  /** Whether the armed kill happened. */
  public static boolean fired() {
    return FIRED.get();
  }

  public static void disarm() {
    ARMED_AFTER.set(-1);
  }

  @Override
  public Socket createSocket() {
    return new WatchedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = new WatchedSocket();
    s.connect(new java.net.InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(
      String host, int port, java.net.InetAddress localHost, int localPort) throws IOException {
    throw new IOException("not used by the PostgreSQL driver");
  }

  @Override
  public Socket createSocket(java.net.InetAddress host, int port) throws IOException {
    Socket s = new WatchedSocket();
    s.connect(new java.net.InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(
      java.net.InetAddress address, int port, java.net.InetAddress localAddress, int localPort)
      throws IOException {
    throw new IOException("not used by the PostgreSQL driver");
  }

  /** A plain socket whose output is watched for a COPY. */
  private static final class WatchedSocket extends Socket {
    private OutputStream out;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out = new Watch(super.getOutputStream(), this);
      }
      return out;
    }
  }

  /**
   * Follows the frontend protocol's messages (an untyped start-up message, or an SSL/GSS request
   * and then one, then a type byte and a length each) and counts the bytes of consecutive CopyData
   * ({@code d}) messages: the rows of the COPY in progress.
   */
  private static final class Watch extends FilterOutputStream {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final Socket socket;
    private boolean untyped = true;
    private int headerBytes; // of the type byte and the length read so far
    private byte type;
    private int length;
    private long left; // bytes of the current message's body still to come
    private int firstWord; // of an untyped message's body: the protocol code
    private long copyBytes;

    Watch(OutputStream out, Socket socket) {
      super(out);
      this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
      see((byte) b);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        see(b[i]);
      }
      out.write(b, off, len);
    }

    private void see(byte b) throws IOException {
      if (left > 0) {
        left--;
        if (untypedBody()) {
          firstWord = (firstWord << 8) | (b & 0xff);
        }
        if (type == 'd') {
          copyBytes++;
          long armed = ARMED_AFTER.get();
          if (armed >= 0 && copyBytes > armed && FIRED.compareAndSet(false, true)) {
            ARMED_AFTER.set(-1);
            socket.close();
            throw new InjectedTaskKill(
                "injected: the task is killed after " + armed + " bytes of a chunk's COPY");
          }
        }
        if (left == 0) {
          endOfMessage();
        }
        return;
      }
      int header = untyped ? 4 : 5;
      if (!untyped && headerBytes == 0) {
        type = b;
        if (type != 'd') {
          copyBytes = 0;
        }
      } else {
        length = (length << 8) | (b & 0xff);
      }
      if (++headerBytes == header) {
        left = length - 4L;
        headerBytes = 0;
        length = 0;
        firstWord = 0;
        if (left == 0) {
          endOfMessage();
        }
      }
    }

    private boolean untypedBody() {
      return untyped && type == 0;
    }

    private void endOfMessage() {
      if (untyped) {
        // After an SSL or GSS encryption request (refused by a local server) the start-up
        // message follows, untyped too; after the start-up message every message is typed.
        untyped = firstWord == SSL_REQUEST || firstWord == GSS_REQUEST;
      }
      firstWord = 0;
    }
  }
}
