package org.moodlemigrate.journal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.sql.Identifiers;

/**
 * The run journal in the target database: runs, their tables and chunks, with state and counts.
 *
 * <p>Kept in the target, in a schema of its own ({@code moodle_migrate} by default, never the
 * Moodle schema, so Moodle's schema check never sees it), because only there can a chunk's "done"
 * row commit in the same transaction as the chunk's rows ({@link #markDone}). The driver reads it
 * back to build the report; a resumed run reads it to skip finished chunks. Its tables are created
 * and upgraded by Flyway from {@code schemas/journal}.
 */
public final class Journal {
  private final DataSource target;
  private final String schema;

  public Journal(DataSource target, String schema) {
    this.target = target;
    this.schema = schema;
  }

  public String schema() {
    return schema;
  }

  /** Creates or upgrades the journal schema. */
  public void migrate() {
    Flyway.configure()
        .dataSource(target)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:schemas/journal")
        .table("flyway_schema_history")
        .loggers("slf4j")
        .load()
        .migrate();
  }

  /**
   * Whether the journal exists in the target (a run has been started there and it was not cleaned
   * up). Reads only: unlike {@link #migrate}, never creates anything.
   */
  public boolean exists() throws SQLException {
    return queryOne(
            "SELECT to_regclass(format('%I.%I', ?::text, 'run')) IS NOT NULL",
            rs -> rs.getBoolean(1), schema)
        .orElse(false);
  }

  private static final String RUN_COLUMNS =
      "run_id, status, started_at, finished_at, tool_version, source, target_schema, resumes";

  /** The latest run into {@code targetSchema}, if any. */
  public Optional<RunRecord> latestRun(String targetSchema) throws SQLException {
    return runWhere("target_schema = ? ORDER BY run_id DESC LIMIT 1", targetSchema);
  }

  private Optional<RunRecord> runWhere(String where, Object value) throws SQLException {
    return queryOne(
        "SELECT " + RUN_COLUMNS + " FROM " + table("run") + " WHERE " + where,
        rs ->
            new RunRecord(
                rs.getLong(1),
                rs.getString(2),
                instant(rs.getTimestamp(3)),
                instant(rs.getTimestamp(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8)),
        value);
  }

  /** Marks a run running again, for {@code run --resume}. */
  public void resumeRun(long runId) throws SQLException {
    update(
        "UPDATE "
            + table("run")
            + " SET status = 'running', finished_at = NULL, resumes = resumes + 1,"
            + " last_resumed_at = now() WHERE run_id = ?",
        runId);
  }

  /**
   * A run's chunks as it planned them, by source table in chunk order, with which are done: what a
   * resumed run copies (the rest) and how it splits them (exactly as before, so that a done chunk's
   * range is never copied twice).
   */
  public PlannedChunks plannedChunks(long runId) throws SQLException {
    Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
    Set<String> done = new HashSet<>();
    query(
        "SELECT c.table_name, c.chunk_no, t.chunks, c.key_column, c.lower_bound, c.upper_bound,"
            + " t.rows_estimate, c.status FROM "
            + table("run_chunk")
            + " c JOIN "
            + table("run_table")
            + " t USING (run_id, table_name) WHERE c.run_id = ? ORDER BY c.table_name, c.chunk_no",
        rs -> {
          int count = rs.getInt(3);
          Chunk chunk =
              new Chunk(
                  rs.getString(1),
                  rs.getInt(2),
                  count,
                  rs.getString(4),
                  (Long) rs.getObject(5),
                  (Long) rs.getObject(6),
                  rs.getLong(7) / Math.max(1, count));
          chunks.computeIfAbsent(chunk.table(), k -> new ArrayList<>()).add(chunk);
          if ("done".equals(rs.getString(8))) {
            done.add(PlannedChunks.id(chunk));
          }
          return chunk;
        },
        runId);
    return new PlannedChunks(chunks, done);
  }

  /** Notes the source's state of each table, at the start ({@code start}) or the end of the run. */
  public void recordSourceStates(long runId, Map<String, SourceState> states, boolean start)
      throws SQLException {
    String suffix = start ? "start" : "end";
    String sql =
        "UPDATE "
            + table("run_table")
            + " t SET source_rows_"
            + suffix
            + " = s.rows, source_max_key_"
            + suffix
            + " = s.max_key FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS s(name, rows,"
            + " max_key) WHERE t.run_id = ? AND t.table_name = s.name";
    List<String> names = new ArrayList<>(states.keySet());
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("text", names.toArray()));
      ps.setArray(
          2, c.createArrayOf("int8", names.stream().map(n -> states.get(n).rows()).toArray()));
      ps.setArray(
          3, c.createArrayOf("int8", names.stream().map(n -> states.get(n).maxKey()).toArray()));
      ps.setLong(4, runId);
      ps.executeUpdate();
    }
  }

  /** The source's state of each table of a run when it planned, by source table. */
  public Map<String, SourceState> sourceStatesAtStart(long runId) throws SQLException {
    Map<String, SourceState> out = new LinkedHashMap<>();
    query(
        "SELECT table_name, source_rows_start, source_max_key_start FROM "
            + table("run_table")
            + " WHERE run_id = ? AND source_rows_start IS NOT NULL",
        rs -> out.put(rs.getString(1), new SourceState(rs.getLong(2), (Long) rs.getObject(3))),
        runId);
    return out;
  }

  /** Records a verification; {@code runId} null when it checked no run of this journal. */
  public void recordVerification(
      Long runId,
      String level,
      Instant started,
      boolean passed,
      int tablesChecked,
      int tablesDiffering,
      String summary)
      throws SQLException {
    update(
        "INSERT INTO "
            + table("run_verification")
            + " (run_id, level, started_at, passed, tables_checked, tables_differing, summary)"
            + " VALUES (?::bigint, ?, ?, ?, ?, ?, ?)",
        runId,
        level,
        Timestamp.from(started),
        passed,
        tablesChecked,
        tablesDiffering,
        summary);
  }

  /** The latest verification of a run, if any. */
  public Optional<VerificationRecord> latestVerification(long runId) throws SQLException {
    return queryOne(
        "SELECT level, finished_at, passed, tables_checked, tables_differing, summary FROM "
            + table("run_verification")
            + " WHERE run_id = ? ORDER BY verification_id DESC LIMIT 1",
        rs ->
            new VerificationRecord(
                rs.getString(1),
                instant(rs.getTimestamp(2)),
                rs.getBoolean(3),
                rs.getInt(4),
                rs.getInt(5),
                rs.getString(6)),
        runId);
  }

  /** Records a new run; returns its id. */
  public long startRun(String toolVersion, String source, String targetSchema, String settingsJson)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table("run")
            + " (status, tool_version, source, target_schema, settings)"
            + " VALUES ('running', ?, ?, ?, ?::jsonb) RETURNING run_id";
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, toolVersion);
      ps.setString(2, source);
      ps.setString(3, targetSchema);
      ps.setString(4, settingsJson);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A table entry for {@link #registerTables}. */
  public record TableEntry(
      String table, String targetTable, String mode, long rowsEstimate, List<Chunk> chunks) {}

  /**
   * Records the tables and chunks of a run, all pending, in one transaction: two set-based inserts
   * from arrays, whatever the number of tables (a statement per row costs a second on a Totara
   * site's thousands of tables).
   */
  public void registerTables(long runId, List<TableEntry> tables) throws SQLException {
    String tableSql =
        "INSERT INTO "
            + table("run_table")
            + " (run_id, table_name, target_table, mode, rows_estimate, chunks)"
            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::int[])";
    String chunkSql =
        "INSERT INTO "
            + table("run_chunk")
            + " (run_id, table_name, chunk_no, key_column, lower_bound, upper_bound)"
            + " SELECT ?, * FROM unnest(?::text[], ?::int[], ?::text[], ?::bigint[], ?::bigint[])";
    List<Chunk> chunks = tables.stream().flatMap(t -> t.chunks().stream()).toList();
    try (Connection c = target.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pt = c.prepareStatement(tableSql);
          PreparedStatement pc = c.prepareStatement(chunkSql)) {
        pt.setLong(1, runId);
        pt.setArray(2, c.createArrayOf("text", tables.stream().map(TableEntry::table).toArray()));
        pt.setArray(
            3, c.createArrayOf("text", tables.stream().map(TableEntry::targetTable).toArray()));
        pt.setArray(4, c.createArrayOf("text", tables.stream().map(TableEntry::mode).toArray()));
        pt.setArray(
            5, c.createArrayOf("int8", tables.stream().map(TableEntry::rowsEstimate).toArray()));
        pt.setArray(
            6, c.createArrayOf("int4", tables.stream().map(t -> t.chunks().size()).toArray()));
        pt.executeUpdate();
        pc.setLong(1, runId);
        pc.setArray(2, c.createArrayOf("text", chunks.stream().map(Chunk::table).toArray()));
        pc.setArray(3, c.createArrayOf("int4", chunks.stream().map(Chunk::number).toArray()));
        pc.setArray(4, c.createArrayOf("text", chunks.stream().map(Chunk::keyColumn).toArray()));
        pc.setArray(5, c.createArrayOf("int8", chunks.stream().map(Chunk::lower).toArray()));
        pc.setArray(6, c.createArrayOf("int8", chunks.stream().map(Chunk::upper).toArray()));
        pc.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * What a chunk's transaction found when it claimed the chunk's journal row.
   *
   * @param status the chunk's status: {@code pending}, {@code done} or {@code failed}
   * @param rowsRead for a done chunk, the rows its committed transaction read
   * @param rowsWritten for a done chunk, the rows it wrote
   * @param rowsDigested for a done chunk, the rows hashed alike as read and as stored; null when
   *     none
   * @param rowsRejected rows the committed attempt rejected
   * @param valuesChanged values it changed
   * @param runStopping whether the run is marked {@code stopping} ({@link #stopRun})
   * @param tableRejected rows already rejected in the table's done chunks, this one's excluded
   */
  public record Claim(
      String status,
      long rowsRead,
      long rowsWritten,
      Long rowsDigested,
      long rowsRejected,
      long valuesChanged,
      boolean runStopping,
      long tableRejected) {

    public boolean done() {
      return "done".equals(status);
    }
  }

  /**
   * Claims a chunk's journal row in the caller's transaction ({@code SELECT … FOR UPDATE}), before
   * anything of the chunk is written: the row stays locked until that transaction ends, so a second
   * delivery of the same chunk (a runner re-running a bundle, a retry after a commit whose
   * acknowledgement was lost) waits for the first and then finds it done. A done chunk is never
   * written again.
   *
   * @throws SQLException when the chunk is not in the journal (a job that does not belong to the
   *     run)
   */
  public static Claim claim(Connection inTransaction, String schema, long runId, Chunk chunk)
      throws SQLException {
    String sql =
        "SELECT c.status, coalesce(c.rows_read, 0), coalesce(c.rows_written, 0), c.rows_digested,"
            + " c.rows_rejected, c.values_changed, r.status = 'stopping', (SELECT"
            + " coalesce(sum(o.rows_rejected), 0) FROM "
            + Identifiers.postgres(schema, "run_chunk")
            + " o WHERE o.run_id = c.run_id AND o.table_name = c.table_name AND o.status = 'done'"
            + " AND o.chunk_no <> c.chunk_no) FROM "
            + Identifiers.postgres(schema, "run_chunk")
            + " c JOIN "
            + Identifiers.postgres(schema, "run")
            + " r ON r.run_id = c.run_id WHERE c.run_id = ? AND c.table_name = ? AND c.chunk_no = ?"
            + " FOR UPDATE OF c";
    try (PreparedStatement ps = inTransaction.prepareStatement(sql)) {
      ps.setLong(1, runId);
      ps.setString(2, chunk.table());
      ps.setInt(3, chunk.number());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "chunk " + chunk.describe() + " is not in the journal of run " + runId);
        }
        return new Claim(
            rs.getString(1),
            rs.getLong(2),
            rs.getLong(3),
            (Long) rs.getObject(4),
            rs.getLong(5),
            rs.getLong(6),
            rs.getBoolean(7),
            rs.getLong(8));
      }
    }
  }

  /**
   * What {@link #claimWholeTables} found.
   *
   * @param found the tables whose whole-table chunk the journal holds
   * @param toCopy those of them still to copy (not done), none when the run is stopping
   * @param stopping whether the run is stopping
   */
  public record WholeTableClaim(Set<String> found, List<String> toCopy, boolean stopping) {}

  /**
   * Claims the whole-table chunks of {@code tables} at once, in the caller's transaction ({@code
   * SELECT … FOR UPDATE}, as {@link #claim} does for one chunk).
   */
  public static WholeTableClaim claimWholeTables(
      Connection inTransaction, String schema, long runId, List<String> tables)
      throws SQLException {
    String sql =
        "SELECT c.table_name, c.status, r.status = 'stopping' FROM "
            + Identifiers.postgres(schema, "run_chunk")
            + " c JOIN "
            + Identifiers.postgres(schema, "run")
            + " r ON r.run_id = c.run_id WHERE c.run_id = ? AND c.chunk_no = 0 AND"
            + " c.table_name = ANY (?) ORDER BY c.table_name FOR UPDATE OF c";
    Set<String> found = new HashSet<>();
    List<String> toCopy = new ArrayList<>();
    boolean stopping = false;
    try (PreparedStatement ps = inTransaction.prepareStatement(sql)) {
      ps.setLong(1, runId);
      ps.setArray(2, inTransaction.createArrayOf("text", tables.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
          stopping |= rs.getBoolean(3);
          if (!"done".equals(rs.getString(2))) {
            toCopy.add(rs.getString(1));
          }
        }
      }
    }
    return new WholeTableClaim(found, stopping ? List.of() : toCopy, stopping);
  }

  /**
   * Marks the whole-table chunks of empty tables done, in the caller's transaction: no row read or
   * written, a digest of no rows for those in {@code digested} (as {@link #markDone} records an
   * empty chunk's), and no row issue left from an earlier attempt.
   */
  public static void markEmptyTablesDone(
      Connection inTransaction,
      String schema,
      long runId,
      List<String> tables,
      Set<String> digested,
      Instant started)
      throws SQLException {
    String sql =
        "UPDATE "
            + Identifiers.postgres(schema, "run_chunk")
            + " c SET status = 'done', rows_read = 0, rows_written = 0, rows_rejected = 0,"
            + " values_changed = 0, started_at = ?, finished_at = clock_timestamp(), attempts ="
            + " attempts + 1, error = NULL, rows_digested = CASE WHEN u.digested THEN 0 END,"
            + " values_anonymised = 0 FROM unnest(?::text[], ?::boolean[]) AS u(name, digested)"
            + " WHERE c.run_id = ? AND c.chunk_no = 0 AND c.table_name = u.name";
    try (PreparedStatement ps = inTransaction.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(started));
      ps.setArray(2, inTransaction.createArrayOf("text", tables.toArray()));
      ps.setArray(
          3,
          inTransaction.createArrayOf(
              "boolean", tables.stream().map(digested::contains).toArray()));
      ps.setLong(4, runId);
      int updated = ps.executeUpdate();
      if (updated != tables.size()) {
        throw new SQLException(
            "the journal holds " + updated + " of the " + tables.size() + " empty tables' chunks");
      }
    }
    try (PreparedStatement del =
        inTransaction.prepareStatement(
            "DELETE FROM "
                + Identifiers.postgres(schema, "run_row_issue")
                + " WHERE run_id = ? AND chunk_no = 0 AND table_name = ANY (?)")) {
      del.setLong(1, runId);
      del.setArray(2, inTransaction.createArrayOf("text", tables.toArray()));
      del.executeUpdate();
    }
  }

  /**
   * Marks a run {@code stopping}: workers anywhere leave their next chunks pending ({@link
   * Claim#runStopping()}).
   */
  public void stopRun(long runId) throws SQLException {
    update(
        "UPDATE "
            + table("run")
            + " SET status = 'stopping' WHERE run_id = ? AND status = 'running'",
        runId);
  }

  /**
   * Marks a chunk done on the caller's connection, inside the caller's transaction: the one that
   * holds the chunk's COPY. Committing that transaction commits both, with the chunk's row issues
   * (rows rejected, values changed), which replace any an earlier attempt left.
   */
  public static void markDone(
      Connection inTransaction,
      String schema,
      long runId,
      Chunk chunk,
      long rowsRead,
      long rowsWritten,
      Long rowsDigested,
      long valuesAnonymised,
      RowIssueSource issues,
      Instant started,
      int attempts)
      throws SQLException {
    String sql =
        "UPDATE "
            + Identifiers.postgres(schema, "run_chunk")
            + " SET status = 'done', rows_read = ?, rows_written = ?, rows_rejected = ?,"
            + " values_changed = ?, started_at = ?, finished_at = clock_timestamp(),"
            + " attempts = attempts + ?, error = NULL, rows_digested = ?::bigint,"
            + " values_anonymised = ? WHERE run_id = ? AND table_name = ? AND chunk_no = ?";
    try (PreparedStatement ps = inTransaction.prepareStatement(sql)) {
      ps.setLong(1, rowsRead);
      ps.setLong(2, rowsWritten);
      ps.setLong(3, issues.rejected());
      ps.setLong(4, issues.changed());
      ps.setTimestamp(5, Timestamp.from(started));
      ps.setInt(6, attempts);
      ps.setObject(7, rowsDigested);
      ps.setLong(8, valuesAnonymised);
      ps.setLong(9, runId);
      ps.setString(10, chunk.table());
      ps.setInt(11, chunk.number());
      ps.executeUpdate();
    }
    replaceIssues(inTransaction, schema, runId, chunk, issues);
  }

  /**
   * Marks a chunk failed, in a transaction of its own (the chunk's own was rolled back), with the
   * rows that stopped it.
   */
  public static void markFailed(
      DataSource target,
      String schema,
      long runId,
      Chunk chunk,
      String error,
      RowIssueSource issues,
      Instant started,
      int attempts)
      throws SQLException {
    String sql =
        "UPDATE "
            + Identifiers.postgres(schema, "run_chunk")
            + " SET status = 'failed', rows_read = NULL, rows_written = NULL, rows_rejected = ?,"
            + " values_changed = 0, started_at = ?, finished_at = clock_timestamp(),"
            + " attempts = attempts + ?, error = ?"
            + " WHERE run_id = ? AND table_name = ? AND chunk_no = ?";
    try (Connection c = target.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, issues.rejected());
        ps.setTimestamp(2, Timestamp.from(started));
        ps.setInt(3, attempts);
        ps.setString(4, error);
        ps.setLong(5, runId);
        ps.setString(6, chunk.table());
        ps.setInt(7, chunk.number());
        ps.executeUpdate();
        replaceIssues(c, schema, runId, chunk, issues);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Issues inserted with one statement. */
  private static final int ISSUE_BATCH = 5_000;

  /** Replaces a chunk's row issues: one delete, then set-based inserts of a batch each. */
  private static void replaceIssues(
      Connection c, String schema, long runId, Chunk chunk, RowIssueSource issues)
      throws SQLException {
    String table = Identifiers.postgres(schema, "run_row_issue");
    try (PreparedStatement del =
        c.prepareStatement(
            "DELETE FROM " + table + " WHERE run_id = ? AND table_name = ? AND chunk_no = ?")) {
      del.setLong(1, runId);
      del.setString(2, chunk.table());
      del.setInt(3, chunk.number());
      del.executeUpdate();
    }
    if (issues.rejected() + issues.changed() == 0) {
      return;
    }
    String sql =
        "INSERT INTO "
            + table
            + " (run_id, table_name, chunk_no, seq, kind, row_key, column_name, reason, excerpt)"
            + " SELECT ?, ?, ?, ? + i.n, i.kind, i.row_key, i.column_name, i.reason, i.excerpt"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS i(kind, row_key, column_name, reason, excerpt, n)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int[] seq = {0};
      issues.forEachBatch(
          ISSUE_BATCH,
          batch -> {
            ps.setLong(1, runId);
            ps.setString(2, chunk.table());
            ps.setInt(3, chunk.number());
            ps.setInt(4, seq[0]);
            ps.setArray(
                5, c.createArrayOf("text", batch.stream().map(i -> i.kind().label()).toArray()));
            ps.setArray(6, c.createArrayOf("text", batch.stream().map(RowIssue::key).toArray()));
            ps.setArray(7, c.createArrayOf("text", batch.stream().map(RowIssue::column).toArray()));
            ps.setArray(8, c.createArrayOf("text", batch.stream().map(RowIssue::reason).toArray()));
            ps.setArray(
                9, c.createArrayOf("text", batch.stream().map(RowIssue::excerpt).toArray()));
            ps.executeUpdate();
            seq[0] += batch.size();
          });
    }
  }

  /**
   * Reserves a chunk's rejected rows from its table's {@code --max-rejects} budget, in the chunk's
   * own transaction, just before it commits. The table's journal row is locked first, so chunks of
   * one table committing at the same time take their turns, and each sees what the others
   * committed: a table never loses more rows than allowed, however many of its chunks run at once.
   *
   * @return null when the rows fit the budget; otherwise why not, naming the table, the rows
   *     already rejected and the budget
   */
  public static String reserveRejects(
      Connection inTransaction,
      String schema,
      long runId,
      Chunk chunk,
      long rejectedHere,
      long maxRejects)
      throws SQLException {
    if (rejectedHere == 0) {
      return null;
    }
    try (PreparedStatement lock =
        inTransaction.prepareStatement(
            "SELECT 1 FROM "
                + Identifiers.postgres(schema, "run_table")
                + " WHERE run_id = ? AND table_name = ? FOR UPDATE")) {
      lock.setLong(1, runId);
      lock.setString(2, chunk.table());
      lock.executeQuery().close();
    }
    long before;
    try (PreparedStatement sum =
        inTransaction.prepareStatement(
            "SELECT coalesce(sum(rows_rejected), 0) FROM "
                + Identifiers.postgres(schema, "run_chunk")
                + " WHERE run_id = ? AND table_name = ? AND status = 'done' AND chunk_no <> ?")) {
      sum.setLong(1, runId);
      sum.setString(2, chunk.table());
      sum.setInt(3, chunk.number());
      try (ResultSet rs = sum.executeQuery()) {
        rs.next();
        before = rs.getLong(1);
      }
    }
    if (before + rejectedHere <= maxRejects) {
      return null;
    }
    return "table "
        + chunk.table()
        + ": "
        + (before + rejectedHere)
        + " rows rejected ("
        + before
        + " in chunks already copied, "
        + rejectedHere
        + " in "
        + chunk.describe()
        + "), more than --max-rejects "
        + maxRejects
        + " allows";
  }

  /**
   * Streams a table's row issues in chunk order to {@code sink}, without holding them all: a table
   * can have many.
   */
  public void issues(long runId, String tableName, IssueSink sink)
      throws SQLException, IOException {
    String sql =
        "SELECT kind, row_key, column_name, reason, excerpt FROM "
            + table("run_row_issue")
            + " WHERE run_id = ? AND table_name = ? ORDER BY chunk_no, seq";
    try (Connection c = target.getConnection()) {
      c.setAutoCommit(false); // lets the driver fetch with a cursor
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        ps.setLong(1, runId);
        ps.setString(2, tableName);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(rowIssue(rs));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  /** The row issues of one chunk, as its committed attempt recorded them. */
  public List<RowIssue> chunkIssues(long runId, String tableName, int chunkNo) throws SQLException {
    return query(
        "SELECT kind, row_key, column_name, reason, excerpt FROM "
            + table("run_row_issue")
            + " WHERE run_id = ? AND table_name = ? AND chunk_no = ? ORDER BY seq",
        Journal::rowIssue,
        runId,
        tableName,
        chunkNo);
  }

  /** Rows a run rejected in a table's done chunks: rows the target is meant to lack. */
  public long rejectedRows(long runId, String tableName) throws SQLException {
    return queryOne(
            "SELECT coalesce(sum(rows_rejected), 0) FROM "
                + table("run_chunk")
                + " WHERE run_id = ? AND table_name = ? AND status = 'done'",
            rs -> rs.getLong(1),
            runId,
            tableName)
        .orElse(0L);
  }

  /** The row issue at the result set's row: kind, key, column, reason, excerpt. */
  private static RowIssue rowIssue(ResultSet rs) throws SQLException {
    return new RowIssue(
        RowIssue.Kind.of(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5));
  }

  /** Receives row issues; may write them to a file. */
  @FunctionalInterface
  public interface IssueSink {
    void accept(RowIssue issue) throws IOException;
  }

  /** Records the end of a run. */
  public void finishRun(long runId, String status) throws SQLException {
    update(
        "UPDATE " + table("run") + " SET status = ?, finished_at = now() WHERE run_id = ?",
        status,
        runId);
  }

  /** One chunk as recorded. */
  public record ChunkRecord(
      String table,
      int chunkNo,
      String status,
      Long rowsRead,
      Long rowsWritten,
      Long rowsDigested,
      long rowsRejected,
      long valuesChanged,
      int attempts,
      Instant startedAt,
      Instant finishedAt,
      String error,
      long valuesAnonymised) {}

  /** Every chunk of a run, by table then chunk number. */
  public List<ChunkRecord> chunks(long runId) throws SQLException {
    return query(
        "SELECT table_name, chunk_no, status, rows_read, rows_written, rows_digested,"
            + " rows_rejected, values_changed, attempts, started_at, finished_at, error,"
            + " values_anonymised FROM "
            + table("run_chunk")
            + " WHERE run_id = ? ORDER BY table_name, chunk_no",
        rs ->
            new ChunkRecord(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                (Long) rs.getObject(4),
                (Long) rs.getObject(5),
                (Long) rs.getObject(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getInt(9),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                rs.getLong(13)),
        runId);
  }

  /**
   * Records what this run's anonymisation changes on purpose ({@link AnonymisedColumns}), before
   * anything is copied: a {@code verify} afterwards, even one not given the rules, compares the
   * rest.
   */
  public void recordAnonymised(long runId, AnonymisedColumns what) throws SQLException {
    if (what.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO "
            + table("run_anonymised")
            + " (run_id, table_name, column_name, rule) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<String, Map<String, String>> t : what.columns().entrySet()) {
        for (Map.Entry<String, String> col : t.getValue().entrySet()) {
          addAnonymised(ps, runId, t.getKey(), col.getKey(), col.getValue());
        }
      }
      for (String t : what.emptied()) {
        addAnonymised(ps, runId, t, AnonymisedColumns.EMPTIED, "rows: none");
      }
      for (Map.Entry<String, String> t : what.rewritten().entrySet()) {
        addAnonymised(ps, runId, t.getKey(), AnonymisedColumns.REWRITTEN, t.getValue());
      }
      ps.executeBatch();
    }
  }

  private static void addAnonymised(
      PreparedStatement ps, long runId, String table, String column, String rule)
      throws SQLException {
    ps.setLong(1, runId);
    ps.setString(2, table);
    ps.setString(3, column);
    ps.setString(4, rule);
    ps.addBatch();
  }

  /** What run {@code runId}'s anonymisation changed on purpose; {@link AnonymisedColumns#NONE}. */
  public AnonymisedColumns anonymised(long runId) throws SQLException {
    Map<String, Map<String, String>> columns = new java.util.TreeMap<>();
    java.util.Set<String> emptied = new java.util.TreeSet<>();
    Map<String, String> rewritten = new java.util.TreeMap<>();
    for (String[] row :
        query(
            "SELECT table_name, column_name, rule FROM "
                + table("run_anonymised")
                + " WHERE run_id = ? ORDER BY 1, 2",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            runId)) {
      switch (row[1]) {
        case AnonymisedColumns.EMPTIED -> emptied.add(row[0]);
        case AnonymisedColumns.REWRITTEN -> rewritten.put(row[0], row[2]);
        default ->
            columns.computeIfAbsent(row[0], k -> new java.util.TreeMap<>()).put(row[1], row[2]);
      }
    }
    return new AnonymisedColumns(columns, emptied, rewritten);
  }

  /** Records index definitions as pending, before the indexes are dropped. */
  public void recordIndexes(long runId, List<IndexDefinition> indexes) throws SQLException {
    String sql =
        "INSERT INTO "
            + table("run_index")
            + " (run_id, schema_name, table_name, index_name, definition, comment)"
            + " SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " ON CONFLICT DO NOTHING";
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      ps.setArray(
          2, c.createArrayOf("text", indexes.stream().map(IndexDefinition::schema).toArray()));
      ps.setArray(
          3, c.createArrayOf("text", indexes.stream().map(IndexDefinition::table).toArray()));
      ps.setArray(
          4, c.createArrayOf("text", indexes.stream().map(IndexDefinition::name).toArray()));
      ps.setArray(
          5, c.createArrayOf("text", indexes.stream().map(IndexDefinition::definition).toArray()));
      ps.setArray(
          6, c.createArrayOf("text", indexes.stream().map(IndexDefinition::comment).toArray()));
      ps.executeUpdate();
    }
  }

  /**
   * Indexes that an earlier run dropped and did not rebuild, and that the target still lacks: the
   * latest record of each, when it is not {@code done}.
   */
  public List<IndexDefinition> unfinishedIndexes(String targetSchema) throws SQLException {
    return query(
        "SELECT schema_name, table_name, index_name, definition, comment FROM ("
            + " SELECT DISTINCT ON (schema_name, index_name) * FROM "
            + table("run_index")
            + " WHERE schema_name = ? ORDER BY schema_name, index_name, run_id DESC) latest"
            + " WHERE status <> 'done'"
            + " AND to_regclass(format('%I.%I', schema_name, index_name)) IS NULL"
            + " AND to_regclass(format('%I.%I', schema_name, table_name)) IS NOT NULL",
        rs ->
            new IndexDefinition(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)),
        targetSchema);
  }

  /** Records how rebuilding an index went. */
  public void markIndex(long runId, IndexDefinition index, double seconds, String error)
      throws SQLException {
    String sql =
        "UPDATE "
            + table("run_index")
            + " SET status = ?, seconds = ?, error = ?"
            + " WHERE run_id = ? AND schema_name = ? AND index_name = ?";
    update(
        sql,
        error == null ? "done" : "failed",
        seconds,
        error,
        runId,
        index.schema(),
        index.name());
  }

  /** JSON text for the run's settings column. */
  public static String settingsJson(Map<String, Object> settings) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(settings);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one row of a result set. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs a query with its parameters, in order, and reads every row. */
  private <T> List<T> query(String sql, RowReader<T> reader, Object... params) throws SQLException {
    List<T> out = new ArrayList<>();
    try (Connection c = target.getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(reader.read(rs));
      }
    }
    return out;
  }

  /** The first row of a query, if any. */
  private <T> Optional<T> queryOne(String sql, RowReader<T> reader, Object... params)
      throws SQLException {
    return query(sql, reader, params).stream().findFirst();
  }

  /** Runs a statement with its parameters, in order (a null parameter is SQL NULL). */
  private void update(String sql, Object... params) throws SQLException {
    try (Connection c = target.getConnection();
        PreparedStatement ps = prepare(c, sql, params)) {
      ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  private String table(String name) {
    return Identifiers.postgres(schema, name);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
