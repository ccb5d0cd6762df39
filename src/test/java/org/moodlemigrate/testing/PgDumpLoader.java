package org.moodlemigrate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code pg_dump} plain-format script (plain or gzip) into a database over JDBC, for
 * machines where only an embedded server and no {@code psql} is at hand.
 *
 * <p>It behaves like {@code psql -v ON_ERROR_STOP=1 DB < dump.sql}: statements go one by one over
 * one connection in autocommit mode, so a large schema never holds thousands of locks in one
 * transaction, and the first error stops the load. psql meta-commands are skipped (see {@link
 * PgScriptSplitter}). The data of each {@code COPY ... FROM stdin} block is streamed through
 * pgjdbc's {@link CopyManager} in 64 KiB pieces, never held whole in memory. pgjdbc speaks UTF-8
 * only, so the file must be UTF-8, as every dump of a Moodle database is; other bytes fail the
 * load.
 */
public final class PgDumpLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PgDumpLoader.class);
  private static final int COPY_CHUNK_BYTES = 1 << 16;

  private PgDumpLoader() {}

  /**
   * Executes every statement of {@code dump} in {@code database}, feeding COPY blocks their data.
   *
   * @return the number of statements executed, COPY statements included
   * @throws SQLException for the first failing statement, naming the file and line it starts on
   */
  public static int load(Path dump, TestDatabase database) throws IOException, SQLException {
    long started = System.nanoTime();
    int executed = 0;
    try (Reader script = DumpFiles.open(dump, StandardCharsets.UTF_8);
        Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
      PgScriptSplitter splitter = new PgScriptSplitter(script);
      for (SqlStatement next = splitter.next(); next != null; next = splitter.next()) {
        try {
          if (splitter.inCopyData()) {
            copy(copyManager, next.sql(), splitter);
          } else {
            statement.execute(next.sql());
          }
        } catch (SQLException e) {
          throw new SQLException(
              dump + ", line " + next.line() + ": " + e.getMessage() + "\n  in: " + next.excerpt(),
              e.getSQLState(),
              e);
        }
        executed++;
      }
    }
    LOG.info(
        "Loaded {} into {}: {} statements in {} ms",
        dump.getFileName(),
        database.name(),
        executed,
        (System.nanoTime() - started) / 1_000_000);
    return executed;
  }

  /**
   * Streams one COPY block; a failure part way cancels the COPY so no partial table is committed.
   */
  private static void copy(CopyManager copyManager, String sql, PgScriptSplitter splitter)
      throws SQLException, IOException {
    CopyIn copyIn = copyManager.copyIn(sql);
    try {
      ByteArrayOutputStream chunk = new ByteArrayOutputStream(COPY_CHUNK_BYTES + 1024);
      for (String row = splitter.nextCopyLine(); row != null; row = splitter.nextCopyLine()) {
        chunk.write(row.getBytes(StandardCharsets.UTF_8));
        chunk.write('\n');
        if (chunk.size() >= COPY_CHUNK_BYTES) {
          send(chunk, copyIn);
        }
      }
      send(chunk, copyIn);
      copyIn.endCopy();
    } finally {
      if (copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    }
  }

  private static void send(ByteArrayOutputStream chunk, CopyIn copyIn) throws SQLException {
    if (chunk.size() > 0) {
      copyIn.writeToCopy(chunk.toByteArray(), 0, chunk.size());
      chunk.reset();
    }
  }
}
