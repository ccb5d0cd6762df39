package org.moodlemigrate.connect;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A worker lacks what the run needs on the machine it runs on (a TLS file, a password's file or
 * variable). Thrown where the worker finds out, before it connects; the driver reports its message
 * as the run's failure, however deep the runner wrapped it.
 */
public final class WorkerEnvironmentException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public WorkerEnvironmentException(String message) {
    super(message);
  }

  /** This machine's name and the JVM's process id, for messages: {@code worker-3 (pid 4242)}. */
  static String thisMachine() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "this machine";
    }
    return host + " (pid " + ProcessHandle.current().pid() + ")";
  }
}
