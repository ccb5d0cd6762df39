package org.moodlemigrate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes the JSON report and prints the human summary. */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes the report as JSON, replacing the file atomically so a reader never sees half a report.
   */
  public static void writeJson(RunReport report, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, ".report-", ".json.tmp");
    try {
      JSON.writeValue(tmp.toFile(), report);
      Files.move(
          tmp,
          absolute,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static String toJson(RunReport report) throws IOException {
    return JSON.writeValueAsString(report);
  }

  /** The short summary for people: tables, rows, time, rows/s; failures go to {@code err}. */
  public static void printSummary(RunReport report, PrintStream out, PrintStream err) {
    RunReport.Totals t = report.totals();
    out.printf(
        Locale.ROOT,
        "moodle-migrate %s%s: %s%n",
        report.version(),
        report.runId() == null ? "" : " run " + report.runId(),
        report.status());
    out.printf(Locale.ROOT, "  source  %s (%s)%n", report.source(), report.sourceServer());
    out.printf(
        Locale.ROOT,
        "  target  %s, schema %s (%s)%n",
        report.target(),
        report.targetSchema(),
        report.targetServer());
    out.printf(
        Locale.ROOT,
        "  tables  %,d copied, %,d failed, %,d skipped (of %,d); %,d loaded into existing tables, %,d created%n",
        t.copied(),
        t.failed(),
        t.skipped(),
        t.tables(),
        t.loaded(),
        t.created());
    out.printf(Locale.ROOT, "  rows    %,d read, %,d written%n", t.rowsRead(), t.rowsWritten());
    out.printf(
        Locale.ROOT,
        "  time    %.1f s (copy %.1f s), %,.0f rows/s%n",
        report.seconds(),
        t.copySeconds(),
        t.rowsPerSecond());
    RunReport.Completion c = report.completion();
    if (c != null) {
      out.printf(
          Locale.ROOT,
          "  after   %s%,d sequences reset, %,d tables analysed%s%n",
          c.indexesRebuilt() == 0
              ? ""
              : String.format(Locale.ROOT, "%,d indexes rebuilt, ", c.indexesRebuilt()),
          c.sequencesReset(),
          c.tablesAnalysed(),
          c.owner() == null ? "" : ", owner " + c.owner());
    }
    for (TableReport table : report.tables()) {
      if ("failed".equals(table.status())) {
        err.println("FAILED " + table.name() + ": " + table.error());
      }
    }
    for (String warning : report.warnings()) {
      err.println("WARNING " + warning);
    }
    for (String problem : report.problems()) {
      err.println("ERROR " + problem);
    }
  }
}
