package org.moodlemigrate.migration;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM (a service manager, {@code kill}) as a request to stop the run
 * cleanly, instead of the JVM's default of exiting at once: the chunks in flight are rolled back
 * and left pending, the journal and the report say {@code interrupted}, and the summary names the
 * command that resumes it. A second signal exits at once (the journal then shows the run as stopped
 * without a word, and {@code run --resume} still continues it).
 *
 * <p>Process-wide, as signals are. Only {@code run} installs it: the other commands write nothing
 * that an abrupt exit could leave half done. Uses {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}, open on every JDK from 8 to 25): the only way a Java program sees a signal
 * without ending; a shutdown hook cannot delay the exit long enough to roll back and report.
 */
public final class Interruption {
  private static final Logger LOG = LoggerFactory.getLogger(Interruption.class);
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  private static volatile String signal;
  private static volatile PrintStream err = System.err;

  private Interruption() {}

  /**
   * Catches SIGINT and SIGTERM from now on; messages about a second signal go to {@code errors}.
   */
  public static void install(PrintStream errors) {
    err = errors;
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), s -> received("SIG" + s.getName()));
      } catch (IllegalArgumentException e) {
        LOG.debug("cannot catch SIG{}: {}", name, e.getMessage());
      }
    }
  }

  /**
   * The signal that asked the run to stop ({@code SIGINT}, {@code SIGTERM}); null when none did.
   */
  public static String requested() {
    return signal;
  }

  /** The exit status for the signal that stopped the run: 130 for SIGINT, 143 for SIGTERM. */
  public static int exitCode() {
    return "SIGTERM".equals(signal) ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
  }

  /**
   * Calls {@code listener} when a signal asks the run to stop (at once, when one already has).
   *
   * @return closing it removes the listener
   */
  static AutoCloseable onRequest(Runnable listener) {
    LISTENERS.add(listener);
    if (signal != null) {
      listener.run();
    }
    return () -> LISTENERS.remove(listener);
  }

  private static void received(String name) {
    boolean first;
    synchronized (Interruption.class) {
      first = signal == null;
      if (first) {
        signal = name;
      }
    }
    if (!first) {
      // Not behind the first signal's work (which may wait on a server): this one must exit now.
      err.println(
          "moodle-migrate: "
              + name
              + " again: exiting at once; the chunks in flight roll back on the server, and run"
              + " --resume continues the run");
      err.flush();
      Runtime.getRuntime().halt("SIGTERM".equals(name) ? ExitCodes.TERMINATED : exitCode());
    }
    LOG.warn(
        "{}: stopping the run; the chunks in flight are rolled back and stay pending (send it"
            + " again to exit at once)",
        name);
    for (Runnable listener : LISTENERS) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.debug("interrupt listener: {}", e.getMessage());
      }
    }
  }
}
