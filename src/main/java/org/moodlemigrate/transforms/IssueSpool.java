package org.moodlemigrate.transforms;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.moodlemigrate.journal.RowIssue;
import org.moodlemigrate.journal.RowIssueSource;

/**
 * The row issues of one attempt at a chunk, in row order: in memory up to {@value #IN_MEMORY}, then
 * in a temporary file, so that a chunk whose every row has a value changed (a NUL stripped from
 * each of a hundred million log rows) keeps its memory bounded and still lists every one. The file
 * holds excerpts of values, so it is the process owner's only, and it is deleted with the spool.
 */
final class IssueSpool implements RowIssueSource, AutoCloseable {
  static final int IN_MEMORY = 10_000;

  /** Longer texts are cut: a key or reason is never near this; an excerpt is short already. */
  private static final int MAX_TEXT = 16_000;

  private final int inMemory;
  private final List<RowIssue> kept = new ArrayList<>();
  private Path file;
  private DataOutputStream spill;
  private long rejected;
  private long changed;

  IssueSpool() {
    this(IN_MEMORY);
  }

  /** For tests: spill after {@code inMemory} issues. */
  IssueSpool(int inMemory) {
    this.inMemory = inMemory;
  }

  void add(RowIssue issue) {
    if (issue.kind() == RowIssue.Kind.REJECTED) {
      rejected++;
    } else {
      changed++;
    }
    if (spill == null && kept.size() < inMemory) {
      kept.add(issue);
      return;
    }
    try {
      if (spill == null) {
        file = Files.createTempFile("moodle-migrate-issues-", ".bin");
        spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
      }
      spill.writeUTF(issue.kind().label());
      write(issue.key());
      write(issue.column());
      write(issue.reason());
      write(issue.excerpt());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill the row issues of a chunk to a file", e);
    }
  }

  void addAll(Iterable<RowIssue> issues) {
    issues.forEach(this::add);
  }

  private void write(String s) throws IOException {
    spill.writeBoolean(s != null);
    if (s != null) {
      spill.writeUTF(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s);
    }
  }

  @Override
  public long rejected() {
    return rejected;
  }

  @Override
  public long changed() {
    return changed;
  }

  @Override
  public void forEachBatch(int size, BatchSink sink) throws SQLException {
    forEachBatch(size, i -> true, sink);
  }

  /** Like {@link #forEachBatch(int, BatchSink)}, for the issues {@code which} accepts. */
  void forEachBatch(int size, Predicate<RowIssue> which, BatchSink sink) throws SQLException {
    List<RowIssue> batch = new ArrayList<>(Math.min(size, Math.max(1, kept.size())));
    for (RowIssue i : kept) {
      if (which.test(i)) {
        batch.add(i);
        if (batch.size() == size) {
          sink.accept(batch);
          batch = new ArrayList<>();
        }
      }
    }
    if (spill != null) {
      try {
        spill.flush();
        try (DataInputStream in =
            new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
          while (true) {
            RowIssue i;
            try {
              i =
                  new RowIssue(
                      RowIssue.Kind.of(in.readUTF()), read(in), read(in), read(in), read(in));
            } catch (EOFException end) {
              break;
            }
            if (which.test(i)) {
              batch.add(i);
              if (batch.size() == size) {
                sink.accept(batch);
                batch = new ArrayList<>();
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read back the spilled row issues of a chunk", e);
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }

  /** The rejected rows only, as a source of their own. */
  RowIssueSource rejectedOnly() {
    IssueSpool self = this;
    return new RowIssueSource() {
      @Override
      public long rejected() {
        return self.rejected;
      }

      @Override
      public long changed() {
        return 0;
      }

      @Override
      public void forEachBatch(int size, BatchSink sink) throws SQLException {
        self.forEachBatch(size, i -> i.kind() == RowIssue.Kind.REJECTED, sink);
      }
    };
  }

  private static String read(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  @Override
  public void close() {
    try {
      if (spill != null) {
        spill.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A temporary file: the system's cleaning takes it.
    }
    spill = null;
    file = null;
  }
}
