package org.moodlemigrate.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.verify.ChunkResult;

/**
 * Where the verification pipeline's workers leave each chunk's result for the driver, which Beam
 * itself cannot hand back: a table of this JVM when the workers run in it (the direct runner,
 * Flink's local cluster: the target is then not written at all), the journal's {@code
 * verify_result} table when they run on a cluster. One verification is one random token; a chunk
 * verified twice (Flink runs a failed task again) leaves one result.
 */
abstract class VerifyResults implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  final String token;

  VerifyResults(String token) {
    this.token = token;
  }

  /** Leaves a chunk's result; {@code target} is the worker's target pool. */
  abstract void put(DataSource target, int task, ChunkResult result) throws SQLException;

  /** Every result left so far, by task; {@code target} is the driver's pool. */
  abstract Map<Integer, ChunkResult> all(DataSource target) throws SQLException;

  /** How many results were left so far, for progress lines. */
  abstract int count(DataSource target) throws SQLException;

  /** Forgets the verification's results. */
  abstract void forget(DataSource target) throws SQLException;

  /** In this JVM. */
  static final class InThisJvm extends VerifyResults {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Map<Integer, ChunkResult>> HERE = new ConcurrentHashMap<>();

    InThisJvm(String token) {
      super(token);
      HERE.put(token, new ConcurrentHashMap<>());
    }

    private Map<Integer, ChunkResult> mine() {
      Map<Integer, ChunkResult> m = HERE.get(token);
      if (m == null) {
        throw new IllegalStateException(
            "verification " + token + " is not this JVM's: its workers must run in the tool's");
      }
      return m;
    }

    @Override
    void put(DataSource target, int task, ChunkResult result) {
      mine().put(task, result);
    }

    @Override
    Map<Integer, ChunkResult> all(DataSource target) {
      return new HashMap<>(mine());
    }

    @Override
    int count(DataSource target) {
      return mine().size();
    }

    @Override
    void forget(DataSource target) {
      HERE.remove(token);
    }
  }

  /** In the journal's {@code verify_result} table. */
  static final class InTheJournal extends VerifyResults {
    private static final long serialVersionUID = 1L;
    private final String table;

    InTheJournal(String token, String journalSchema) {
      super(token);
      this.table = Identifiers.postgres(journalSchema, "verify_result");
    }

    @Override
    void put(DataSource target, int task, ChunkResult result) throws SQLException {
      String json;
      try {
        json = JSON.writeValueAsString(result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a chunk's verification result", e);
      }
      try (Connection c = target.getConnection();
          PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO "
                      + table
                      + " (token, task, result) VALUES (?, ?, ?) ON CONFLICT (token, task) DO"
                      + " UPDATE SET result = EXCLUDED.result, written_at = now()")) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        st.setString(1, token);
        st.setInt(2, task);
        st.setString(3, json);
        st.executeUpdate();
      }
    }

    @Override
    Map<Integer, ChunkResult> all(DataSource target) throws SQLException {
      Map<Integer, ChunkResult> out = new HashMap<>();
      try (Connection c = target.getConnection();
          PreparedStatement st =
              c.prepareStatement("SELECT task, result FROM " + table + " WHERE token = ?")) {
        st.setString(1, token);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            try {
              out.put(rs.getInt(1), JSON.readValue(rs.getString(2), ChunkResult.class));
            } catch (JsonProcessingException e) {
              throw new SQLException(
                  "chunk " + rs.getInt(1) + "'s verification result cannot be read", e);
            }
          }
        }
      }
      return out;
    }

    @Override
    int count(DataSource target) throws SQLException {
      try (Connection c = target.getConnection();
          PreparedStatement st =
              c.prepareStatement("SELECT count(*) FROM " + table + " WHERE token = ?")) {
        st.setString(1, token);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }

    @Override
    void forget(DataSource target) throws SQLException {
      try (Connection c = target.getConnection();
          PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE token = ?")) {
        st.setString(1, token);
        st.executeUpdate();
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
    }
  }
}
