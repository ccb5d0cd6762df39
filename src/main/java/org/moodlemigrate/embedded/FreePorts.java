package org.moodlemigrate.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a TCP port on the loopback interface that nobody listens on right now.
 *
 * <p>Asking the kernel for an ephemeral port and closing the socket again leaves a short window in
 * which another process could take the port; the servers then fail to start with a clear "address
 * in use" error. That is rare enough not to justify retries, and far better than fixed ports, which
 * make two test JVMs on one machine collide every time.
 */
final class FreePorts {

  private FreePorts() {}

  static int find() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
