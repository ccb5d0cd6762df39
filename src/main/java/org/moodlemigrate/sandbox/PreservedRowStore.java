package org.moodlemigrate.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.moodlemigrate.sql.Identifiers;

/**
 * The preserved rows of a refresh, kept in the journal's {@code preserved_row} table (made by the
 * journal's Flyway migration {@code V6__sandbox.sql}) between the read before the truncate and the
 * restore after the copy.
 *
 * <p>Why in the journal: a refresh killed after the truncate has already lost the sandbox's own
 * rows from the target, and the half-loaded target now holds production's. The next refresh
 * therefore takes them from the journal of the unfinished run ({@link #load}) rather than reading
 * them again, and saves them under its own run ({@link #save}) before it truncates anything. The
 * journal lives in the target database itself, so the values (SMTP passwords, API keys) go nowhere
 * they were not already; they are deleted with the run ({@code ON DELETE CASCADE}).
 *
 * <p>Each row is one {@code preserved_row}: its table, key column and key value, and its values as
 * a JSON object from column name to text or JSON {@code null}.
 */
public final class PreservedRowStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> VALUES =
      new TypeReference<>() {};

  private final DataSource target;
  private final String journalSchema;

  public PreservedRowStore(DataSource target, String journalSchema) {
    this.target = target;
    this.journalSchema = journalSchema;
  }

  /** Replaces what the run has saved by {@code rows}, in one transaction. */
  public void save(long runId, List<PreservedRow> rows) throws SQLException {
    try (Connection c = target.getConnection()) {
      Transactions.allOrNothing(
          c,
          () -> {
            try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM " + table() + " WHERE run_id = ?")) {
              delete.setLong(1, runId);
              delete.executeUpdate();
            }
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO "
                        + table()
                        + " (run_id, seq, table_name, key_column, key_value, row_values)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
              int seq = 0;
              for (PreservedRow row : rows) {
                insert.setLong(1, runId);
                insert.setInt(2, seq++);
                insert.setString(3, row.table());
                insert.setString(4, row.keyColumn());
                insert.setString(5, row.keyValue());
                insert.setString(6, json(row));
                insert.addBatch();
              }
              insert.executeBatch();
            }
            return null;
          });
    } catch (SQLException e) {
      throw SafeMessages.rethrown("Saving the preserved rows of run " + runId, e);
    }
  }

  /** The rows the run saved, in the order saved; empty when it saved none. */
  public List<PreservedRow> load(long runId) throws SQLException {
    List<PreservedRow> rows = new ArrayList<>();
    try (Connection c = target.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT table_name, key_column, key_value, row_values::text FROM "
                    + table()
                    + " WHERE run_id = ? ORDER BY seq")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new PreservedRow(
                  rs.getString(1), rs.getString(2), rs.getString(3), values(rs.getString(4))));
        }
      }
    } catch (SQLException e) {
      throw SafeMessages.rethrown("Loading the preserved rows of run " + runId, e);
    }
    return rows;
  }

  private String table() {
    return Identifiers.postgres(journalSchema, "preserved_row");
  }

  private static String json(PreservedRow row) throws SandboxSqlException {
    try {
      return JSON.writeValueAsString(row.values());
    } catch (JsonProcessingException e) {
      // Jackson's message would quote the value; name the row only.
      throw new SandboxSqlException(
          "Cannot write the preserved row " + row.table() + " " + row.keyValue() + " as JSON");
    }
  }

  private static Map<String, String> values(String json) throws SandboxSqlException {
    try {
      return JSON.readValue(json, VALUES);
    } catch (JsonProcessingException e) {
      throw new SandboxSqlException("A preserved row's values are not a JSON object of texts");
    }
  }
}
