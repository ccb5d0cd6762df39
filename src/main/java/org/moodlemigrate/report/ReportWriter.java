package org.moodlemigrate.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  public static void writeJson(Object report, Path file) throws IOException {
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

  public static String toJson(Object report) throws IOException {
    return JSON.writeValueAsString(report);
  }

  /** The report as JSON on one line ({@code --log-format json}'s summary). */
  public static String toJsonLine(Object report) throws IOException {
    return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
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
    out.printf(Locale.ROOT, "  source  %s%s%n", report.source(), server(report.sourceServer()));
    out.printf(
        Locale.ROOT,
        "  target  %s, schema %s%s%n",
        report.target(),
        report.targetSchema(),
        server(report.targetServer()));
    for (Finding f : report.findings()) {
      if (f.id().equals(nothingToResume("").id())) {
        out.println("  resume  " + f.message());
      }
    }
    if ("refused".equals(report.status()) && !report.tables().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  plan    %,d tables: %,d to load, %,d to create, %,d skipped; nothing was written%n",
          t.tables(),
          t.loaded(),
          t.created(),
          t.tables() - t.loaded() - t.created());
      printProblems(report, err);
      return;
    }
    if (report.tables().isEmpty()) {
      // Stopped before planning (a server unreachable, the lock held, a refusal), or nothing to
      // resume: there are no tables to count, and zeros would read as an empty site.
      printProblems(report, err);
      return;
    }
    out.printf(
        Locale.ROOT,
        "  tables  %,d copied, %,d failed, %s%,d skipped (of %,d); %,d loaded into existing"
            + " tables, %,d created%n",
        t.copied(),
        t.failed(),
        t.notStarted() == 0 ? "" : String.format(Locale.ROOT, "%,d not finished, ", t.notStarted()),
        t.skipped(),
        t.tables(),
        t.loaded(),
        t.created());
    out.printf(
        Locale.ROOT,
        "  rows    %,d read, %,d written%s%n",
        t.rowsRead(),
        t.rowsWritten(),
        t.rowsRejected() == 0 && t.valuesChanged() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                ", %,d rejected, %,d values changed (see %s)",
                t.rowsRejected(),
                t.valuesChanged(),
                t.rejectsDir()));
    if (t.rowsWritten() > 0 && t.rowsDigested() > 0) {
      out.printf(
          Locale.ROOT,
          "  digest  %,d of %,d rows written: as read and as stored, hashed alike before commit%n",
          t.rowsDigested(),
          t.rowsWritten());
    }
    out.printf(
        Locale.ROOT,
        "  time    %.1f s (copy %.1f s), %,.0f rows/s%n",
        report.seconds(),
        t.copySeconds(),
        t.rowsPerSecond());
    RunReport.Phases ph = report.phases();
    if (ph != null && report.runId() != null) {
      out.printf(
          Locale.ROOT,
          "  phases  startup %.1f s, checks %.1f s, prepare %.1f s, copy %.1f s, indexes %.1f s,"
              + " complete %.1f s%s, verify %.1f s%n",
          ph.startup(),
          ph.checks(),
          ph.prepare(),
          ph.copy(),
          ph.indexes(),
          ph.complete(),
          report.sandbox() == null
              ? ""
              : String.format(Locale.ROOT, ", sandbox %.1f s", ph.sandbox()),
          ph.verify());
    }
    RunReport.Completion c = report.completion();
    if (c != null && !"interrupted".equals(report.status())) {
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
    SandboxReport sb = report.sandbox();
    if (sb != null) {
      long values = sb.anonymised().stream().mapToLong(SandboxReport.AnonymisedTable::values).sum();
      out.printf(
          Locale.ROOT,
          "  sandbox %,d values anonymised in %,d tables (rules: %s), %,d tables emptied, %,d rows"
              + " kept%s%n",
          values,
          sb.anonymised().size(),
          sb.rules() == null ? "none" : sb.rules(),
          sb.emptied().size(),
          sb.preserved().size(),
          sb.actions().isEmpty()
              ? ""
              : "; after: "
                  + String.join(
                      ", ", sb.actions().stream().map(SandboxReport.Action::action).toList()));
    }
    String nothing = whyNothingCopied(report);
    if (nothing != null) {
      out.println("  nothing copied: " + nothing);
    }
    if (report.verification() != null) {
      printVerificationLine(report.verification(), out);
    }
    printTableLines(report.tables(), err);
    for (Finding f : report.findings()) {
      if (f.severity() == Severity.WARNING) {
        err.println(
            "WARNING "
                + f.id()
                + ": "
                + f.message()
                + (f.fix().isEmpty() ? "" : " (" + f.fix() + ")"));
      }
    }
    printProblems(report, err);
  }

  /**
   * The finding of {@code run --resume} when the run it would continue had finished; the summary
   * prints it as its {@code resume} line.
   */
  public static Finding nothingToResume(String message) {
    return Finding.info("nothing-to-resume", message);
  }

  private static void printProblems(RunReport report, PrintStream err) {
    String prefix = "interrupted".equals(report.status()) ? "INTERRUPTED " : "ERROR ";
    for (String problem : report.problems()) {
      err.println(prefix + problem);
    }
  }

  private static String server(String server) {
    return server == null ? "" : " (" + server + ")";
  }

  /**
   * Why a run that went through copied no table at all, or null when it copied some (or failed,
   * which its problems explain): an administrator who sees zeros must not take them for an empty
   * site.
   */
  static String whyNothingCopied(RunReport report) {
    RunReport.Totals t = report.totals();
    if (t.copied() > 0 || t.failed() > 0 || t.notStarted() > 0 || !report.problems().isEmpty()) {
      return null;
    }
    if (t.tables() == 0) {
      return "the source database has no base tables";
    }
    String reason =
        report.tables().stream()
            .map(TableReport::reason)
            .filter(r -> r != null && !r.isBlank())
            .findFirst()
            .orElse("left out");
    return String.format(
        Locale.ROOT, "all %,d source tables were skipped (e.g. %s)", t.tables(), reason);
  }

  /**
   * One line per cause of failure (tables that failed for the same reason share it, named up to
   * {@value #TABLES_NAMED} of them), one line for the tables not started, and a line per table that
   * lost or changed values.
   */
  static void printTableLines(List<TableReport> tables, PrintStream err) {
    Map<String, List<TableReport>> byCause = new LinkedHashMap<>();
    List<String> notStarted = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (TableReport table : tables) {
      if ("failed".equals(table.status())) {
        byCause.computeIfAbsent(causeOf(table), k -> new ArrayList<>()).add(table);
      } else if ("not-started".equals(table.status())) {
        notStarted.add(table.name());
      } else if ("partial".equals(table.status())) {
        partial.add(table.name());
      }
    }
    byCause.forEach(
        (cause, failed) -> {
          if (failed.size() == 1) {
            TableReport table = failed.get(0);
            String file = table.rejectsFile();
            err.println(
                "FAILED "
                    + table.name()
                    + ": "
                    + table.error()
                    + (file == null || String.valueOf(table.error()).contains(file)
                        ? ""
                        : " (rows in " + file + ")"));
          } else {
            err.println(
                "FAILED "
                    + failed.size()
                    + " tables ("
                    + names(failed.stream().map(TableReport::name).toList())
                    + "): "
                    + cause);
          }
        });
    if (!partial.isEmpty()) {
      err.println(
          "UNFINISHED "
              + partial.size()
              + " table(s) ("
              + names(partial)
              + "): partly copied when the run stopped; run --resume copies the rest");
    }
    if (!notStarted.isEmpty()) {
      err.println(
          "NOT STARTED "
              + notStarted.size()
              + " table(s) ("
              + names(notStarted)
              + "): the run stopped before it came to them; run --resume copies them");
    }
    for (TableReport table : tables) {
      if (!"failed".equals(table.status())
          && (table.rowsRejected() > 0 || table.valuesChanged() > 0)) {
        err.printf(
            Locale.ROOT,
            "%s %s: %,d rows rejected, %,d values changed; see %s%n",
            table.rowsRejected() > 0 ? "REJECTED" : "CHANGED",
            table.name(),
            table.rowsRejected(),
            table.valuesChanged(),
            table.rejectsFile());
      }
    }
  }

  private static final int TABLES_NAMED = 5;

  /**
   * A table's error without the words that name the table or its chunk ({@code table t: …}, {@code
   * table t[2/9 id 5..9): …}, {@code table t, row id=3, …}), to group tables by.
   */
  static String causeOf(TableReport table) {
    String error = String.valueOf(table.error());
    String prefix = "table " + table.name();
    if (!error.startsWith(prefix)) {
      return error;
    }
    String rest = error.substring(prefix.length());
    if (rest.startsWith("[")) {
      int end = rest.indexOf(')');
      rest = end < 0 ? rest : rest.substring(end + 1);
    }
    return rest.replaceFirst("^[:,] ?", "");
  }

  private static String names(List<String> names) {
    return names.size() <= TABLES_NAMED
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, TABLES_NAMED))
            + " and "
            + (names.size() - TABLES_NAMED)
            + " more";
  }

  private static void printVerificationLine(VerificationReport v, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "  verify  %s: %s, %,d tables in %.1f s%s%n",
        v.level(),
        v.passed() ? "passed" : "DIFFERENCES in " + v.tablesDiffering() + " tables",
        v.tablesChecked(),
        v.seconds(),
        v.differencesAccounted() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; %,d rows differ as the run reported (rejected or changed)",
                v.differencesAccounted()));
  }

  /** {@code verify}: the verdict, then each table that did not simply agree. */
  public static void printVerification(VerificationReport v, PrintStream out, PrintStream err) {
    out.printf(
        Locale.ROOT,
        "moodle-migrate verify (%s)%s: %s%n",
        v.level(),
        v.runId() == null ? "" : " against run " + v.runId(),
        v.passed() ? "passed" : "DIFFERENCES");
    printVerificationLine(v, out);
    for (VerificationReport.TableLine t : v.tables()) {
      if ("ok".equals(t.status())) {
        continue; // in the JSON report; on the terminal only what did not simply agree
      }
      PrintStream to = t.status().equals("accounted") ? out : err;
      to.printf(
          Locale.ROOT,
          "%s %s: %,d source rows, %,d target rows%s%n",
          t.status().equals("accounted") ? "ACCOUNTED" : "DIFFERS",
          t.table(),
          t.sourceRows(),
          t.targetRows(),
          t.message().isEmpty() ? "" : "; " + t.message());
      for (String d : t.firstDifferences()) {
        to.println("    " + d);
      }
    }
  }

  /** {@code status}: the latest run's progress, a few lines. */
  public static void printStatus(RunStatus s, PrintStream out) {
    boolean unfinished =
        ("running".equals(s.status()) || "stopping".equals(s.status())) && s.finishedAt() == null;
    String state;
    if (s.heldBy() != null) {
      state = " — " + s.heldBy() + " holds the target now";
    } else if (unfinished) {
      state =
          " in the journal, but no process holds its lock: it stopped without finishing (killed,"
              + " or its machine went away); continue it with 'run --resume'";
    } else if ("interrupted".equals(s.status())) {
      state = " by a signal (Ctrl-C, SIGTERM); continue it with 'run --resume'";
    } else {
      state = "";
    }
    out.printf(Locale.ROOT, "run %d: %s%s%n", s.runId(), s.status(), state);
    out.printf(
        Locale.ROOT,
        "  started %s%s%s%n",
        s.startedAt(),
        s.finishedAt() == null ? "" : ", ended " + s.finishedAt(),
        s.resumes() == 0 ? "" : ", resumed " + s.resumes() + " time(s)");
    out.printf(Locale.ROOT, "  source  %s -> schema %s%n", s.source(), s.targetSchema());
    out.printf(
        Locale.ROOT,
        "  tables  %,d of %,d done, %,d failed%n",
        s.tablesDone(),
        s.tables(),
        s.tablesFailed());
    out.printf(
        Locale.ROOT,
        "  chunks  %,d of %,d done, %,d failed, %,d to do%n",
        s.chunksDone(),
        s.chunks(),
        s.chunksFailed(),
        s.chunks() - s.chunksDone() - s.chunksFailed());
    out.printf(
        Locale.ROOT,
        "  rows    %,d written, %,d rejected, %,d values changed%n",
        s.rowsWritten(),
        s.rowsRejected(),
        s.valuesChanged());
    if (s.indexesUnbuilt() > 0) {
      out.printf(
          Locale.ROOT,
          "  indexes %,d dropped for the load and not built again yet%n",
          s.indexesUnbuilt());
    }
    out.println("  verify  " + s.verification());
    for (String f : s.failures()) {
      out.println("  FAILED  " + f);
    }
  }

  /** The findings of {@code check}, errors first, each with its id and fix. */
  public static void printFindings(CheckReport report, PrintStream out) {
    out.printf(Locale.ROOT, "moodle-migrate %s check: %s%n", report.version(), report.status());
    out.printf(
        Locale.ROOT,
        "  source  %s%n  target  %s, schema %s%n%n",
        report.source(),
        report.target(),
        report.targetSchema());
    for (Finding f : report.findings()) {
      out.printf(
          Locale.ROOT,
          "%-7s %s: %s%n",
          f.severity().label().toUpperCase(Locale.ROOT),
          f.id(),
          f.message());
      if (!f.fix().isEmpty()) {
        out.printf(Locale.ROOT, "        fix: %s%n", f.fix());
      }
    }
    out.printf(
        Locale.ROOT,
        "%n%d error(s), %d warning(s)%s%n",
        report.errors(),
        report.warnings(),
        report.errors() == 0 ? ": the run can start" : ": the run would not start");
  }

  /** The plan as a table, with totals and the estimate. */
  public static void printPlan(PlanReport report, PrintStream out) {
    out.printf(Locale.ROOT, "moodle-migrate %s plan%n", report.version());
    out.printf(
        Locale.ROOT,
        "  source  %s%n  target  %s, schema %s%n%n",
        report.source(),
        report.target(),
        report.targetSchema());
    int width =
        Math.max(5, report.tables().stream().mapToInt(t -> t.name().length()).max().orElse(5));
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %-6s  %14s  %10s  %6s  %s%n",
        "table",
        "mode",
        "rows",
        "size",
        "chunks",
        "note");
    for (PlanReport.Table t : report.tables()) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %-6s  %,14d%s %10s  %6d  %s%n",
          t.name(),
          t.mode(),
          t.rows(),
          t.exact() ? " " : "~",
          Sizes.format(t.dataBytes() + t.indexBytes()),
          t.chunks(),
          t.reason() == null ? "" : t.reason());
    }
    PlanReport.Totals totals = report.totals();
    out.printf(
        Locale.ROOT,
        "%ntotal: %,d tables (%,d to load, %,d to create, %,d skipped), %,d rows, %s, %,d chunks%n",
        totals.tables(),
        totals.load(),
        totals.create(),
        totals.skip(),
        totals.rows(),
        Sizes.format(totals.bytes()),
        totals.chunks());
    PlanReport.Estimate e = report.estimate();
    out.printf(
        Locale.ROOT,
        "estimated duration: about %s, likely %s to %s%n",
        duration(e.seconds()),
        duration(e.low()),
        duration(e.high()));
    PlanReport.Phases p = e.phases();
    out.printf(
        Locale.ROOT,
        "  startup %s, checks %s, bookkeeping %s, copy %s, indexes %s, completion %s,"
            + " verification %s%n",
        duration(p.startup()),
        duration(p.checks()),
        duration(p.bookkeeping()),
        duration(p.copy()),
        duration(p.indexes()),
        duration(p.completion()),
        duration(p.verification()));
    out.printf(Locale.ROOT, "  basis: %s%n", e.basis());
    if (!report.findings().isEmpty()) {
      out.printf(Locale.ROOT, "%nthe run would be refused:%n");
      report.findings().forEach(f -> out.printf(Locale.ROOT, "  %s: %s%n", f.id(), f.message()));
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
