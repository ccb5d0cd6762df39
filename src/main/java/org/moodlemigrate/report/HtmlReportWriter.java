package org.moodlemigrate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --report-html FILE}: the run's (or a verification's) report as one page for people, built
 * from the same {@link RunReport} or {@link VerificationReport} as the JSON report, so the two can
 * never tell different stories.
 *
 * <p>The page is self-contained: its style and its chart (inline SVG) are in the file, it loads
 * nothing and runs no script, so it opens from a mail attachment, a ticket or an air-gapped
 * machine, years later, the same way. Every value is escaped ({@link Html}); no value names a
 * password, because the reports hold none (endpoints appear as {@code scheme://user@host:port/db}).
 *
 * <p>Sections, in reading order: the verdict and its problems; totals; the chart of where the time
 * went; what did not go as planned (failed and not-started tables, completion errors); rejected
 * rows and changed values with their files; the verification; every table; the findings of the
 * checks; the settings.
 */
public final class HtmlReportWriter {
  /** Tables drawn in the chart; every table is in the table below it. */
  static final int CHART_TABLES = 40;

  private static final Logger LOG = LoggerFactory.getLogger(HtmlReportWriter.class);

  private HtmlReportWriter() {}

  /**
   * {@code --report-html}: writes the run's page when {@code file} is set. A page that cannot be
   * written is logged, not fatal, as with the JSON report: the run's outcome stands.
   */
  public static void writeIfAsked(RunReport report, Path file) {
    if (file != null && report != null) {
      logged(file, () -> write(report, file));
    }
  }

  /** {@code verify --report-html}: likewise. */
  public static void writeIfAsked(
      VerificationReport report, String source, String target, Path file) {
    if (file != null && report != null) {
      logged(file, () -> write(report, source, target, file));
    }
  }

  private interface Writing {
    void run() throws IOException;
  }

  private static void logged(Path file, Writing writing) {
    try {
      writing.run();
      LOG.info("HTML report written to {}", file);
    } catch (IOException e) {
      LOG.error("cannot write the HTML report to {}: {}", file, e.getMessage());
    }
  }

  /** Writes the run's page, replacing the file atomically like the JSON report. */
  public static void write(RunReport report, Path file) throws IOException {
    writeAtomically(render(report), file);
  }

  /**
   * Writes {@code verify}'s page.
   *
   * @param source the source as its endpoint describes it (no password)
   * @param target the target likewise
   */
  public static void write(VerificationReport report, String source, String target, Path file)
      throws IOException {
    writeAtomically(render(report, source, target), file);
  }

  /** The run's page. */
  public static String render(RunReport r) {
    Html h = new Html();
    String title =
        "moodle-migrate " + (r.runId() == null ? "run" : "run " + r.runId()) + ": " + r.status();
    head(h, title);
    h.raw("<header><h1>moodle-migrate ")
        .text(r.runId() == null ? "run" : "run " + r.runId())
        .raw(" ");
    status(h, r.status());
    h.raw("</h1>\n<p class=\"sub\">");
    h.text(r.source())
        .raw(" &rarr; ")
        .text(r.target())
        .text(", schema " + r.targetSchema())
        .raw("<br>")
        .text(
            "started "
                + r.startedAt()
                + (r.finishedAt() == null ? "" : ", finished " + r.finishedAt())
                + String.format(Locale.ROOT, ", %.1f s", r.seconds()))
        .raw("</p></header>\n");
    problems(h, r.problems());
    totals(h, r);
    chart(h, r.tables());
    anomalies(h, r);
    rejects(h, r);
    if (r.verification() != null) {
      h.raw("<section id=\"verification\"><h2>Verification</h2>\n");
      verification(h, r.verification());
      h.raw("</section>\n");
    } else {
      h.raw("<section id=\"verification\"><h2>Verification</h2>\n")
          .element("p", "none", "None: the run did not verify (--no-verify, or it did not finish).")
          .raw("</section>\n");
    }
    tables(h, r.tables());
    findings(h, r.findings());
    settings(h, r);
    foot(h, r.version());
    return h.toString();
  }

  /** {@code verify}'s page. */
  public static String render(VerificationReport v, String source, String target) {
    Html h = new Html();
    String verdict = v.passed() ? "passed" : "differences";
    head(h, "moodle-migrate verify (" + v.level() + "): " + verdict);
    h.raw("<header><h1>moodle-migrate verify ");
    status(h, verdict);
    h.raw("</h1>\n<p class=\"sub\">")
        .text(source)
        .raw(" &rarr; ")
        .text(target)
        .raw("<br>")
        .text(
            v.level()
                + (v.runId() == null
                    ? ", no run in the journal"
                    : ", accounting for the rows run "
                        + v.runId()
                        + " rejected and the values it changed"))
        .raw("</p></header>\n");
    h.raw("<section id=\"verification\"><h2>Verification</h2>\n");
    verification(h, v);
    h.raw("</section>\n");
    foot(h, ToolVersion.get());
    return h.toString();
  }

  private static void head(Html h, String title) {
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", null, title)
        .raw("\n<style>\n")
        .raw(STYLE)
        .raw("</style>\n</head>\n<body>\n");
  }

  private static void foot(Html h, String version) {
    h.raw("<footer>").text("Written by moodle-migrate " + version).raw("</footer>\n");
    h.raw("</body>\n</html>\n");
  }

  /** A status word as a badge; its colour by kind, so that a status added later still shows. */
  private static void status(Html h, String status) {
    h.element("span", "status " + statusKind(status), status);
  }

  /** {@code good}, {@code bad} or {@code warn}: any word but the known ones is a warning. */
  static String statusKind(String status) {
    if (status == null) {
      return "warn";
    }
    return switch (status) {
      case "succeeded", "passed", "copied", "ok" -> "good";
      case "failed", "refused", "differences", "mismatch", "error" -> "bad";
      case "skipped" -> "neutral";
      default -> "warn";
    };
  }

  private static void problems(Html h, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    h.raw("<section id=\"problems\"><h2>Problems</h2>\n<ul class=\"problems\">\n");
    for (String p : problems) {
      h.element("li", null, p).raw("\n");
    }
    h.raw("</ul></section>\n");
  }

  private static void totals(Html h, RunReport r) {
    RunReport.Totals t = r.totals();
    h.raw("<section id=\"totals\"><h2>Totals</h2>\n<dl class=\"totals\">\n");
    h.entry("tables", number(t.tables()))
        .entry("copied", number(t.copied()))
        .entry("failed", number(t.failed()))
        .entry("not started", number(t.notStarted()))
        .entry("skipped", number(t.skipped()))
        .entry("loaded / created", number(t.loaded()) + " / " + number(t.created()))
        .entry("rows read", number(t.rowsRead()))
        .entry("rows written", number(t.rowsWritten()))
        .entry("rows digested", number(t.rowsDigested()))
        .entry("rows rejected", number(t.rowsRejected()))
        .entry("values changed", number(t.valuesChanged()))
        .entry("size (source)", Sizes.format(t.sourceBytes()))
        .entry("chunks", number(t.chunks()))
        .entry("time", String.format(Locale.ROOT, "%.1f s", r.seconds()))
        .entry("copy", String.format(Locale.ROOT, "%.1f s", t.copySeconds()))
        .entry("rows/s", String.format(Locale.ROOT, "%,.0f", t.rowsPerSecond()));
    h.raw("</dl>\n");
    RunReport.Completion c = r.completion();
    if (c != null) {
      h.raw("<dl class=\"totals\">\n")
          .entry("indexes rebuilt", number(c.indexesRebuilt()))
          .entry("sequences reset", number(c.sequencesReset()))
          .entry("tables analysed", number(c.tablesAnalysed()))
          .entry("owner", c.owner() == null ? "(unchanged)" : c.owner())
          .raw("</dl>\n");
    }
    RunReport.Phases p = r.phases();
    if (p != null) {
      h.raw("<dl class=\"totals phases\">\n")
          .entry("startup", seconds(p.startup()))
          .entry("checks", seconds(p.checks()))
          .entry("prepare", seconds(p.prepare()))
          .entry("copy phase", seconds(p.copy()))
          .entry("indexes", seconds(p.indexes()))
          .entry("complete", seconds(p.complete()))
          .entry("sandbox", seconds(p.sandbox()))
          .entry("verify", seconds(p.verify()))
          .raw("</dl>\n");
    }
    h.raw("</section>\n");
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  /** What did not go as planned: failed and not-started tables, errors of the complete phase. */
  private static void anomalies(Html h, RunReport r) {
    List<TableReport> odd =
        r.tables().stream()
            .filter(t -> "failed".equals(t.status()) || "not-started".equals(t.status()))
            .toList();
    List<String> completionErrors = r.completion() == null ? List.of() : r.completion().errors();
    h.raw("<section id=\"anomalies\"><h2>Anomalies</h2>\n");
    if (odd.isEmpty() && completionErrors.isEmpty()) {
      h.element("p", "none", "None: no table failed or was left unstarted.");
    } else {
      h.raw("<table>\n").headerRow("table", "status", "chunks done", "why");
      for (TableReport t : odd) {
        h.raw("<tr>").element("td", "name", t.name()).raw("<td>");
        status(h, t.status());
        h.raw("</td>")
            .element("td", "num", t.chunksDone() + " of " + t.chunks())
            .element(
                "td",
                "msg",
                "not-started".equals(t.status())
                    ? "the run stopped before it came to this table; run --resume copies it"
                    : t.error())
            .raw("</tr>\n");
      }
      for (String e : completionErrors) {
        h.raw("<tr>").element("td", "name", "(complete phase)").raw("<td>");
        status(h, "failed");
        h.raw("</td><td></td>").element("td", "msg", e).raw("</tr>\n");
      }
      h.raw("</table>\n");
    }
    h.raw("</section>\n");
  }

  private static void rejects(Html h, RunReport r) {
    RunReport.Totals t = r.totals();
    List<TableReport> with =
        r.tables().stream().filter(x -> x.rowsRejected() > 0 || x.valuesChanged() > 0).toList();
    h.raw("<section id=\"rejects\"><h2>Rejected rows and changed values</h2>\n");
    if (with.isEmpty()) {
      h.element("p", "none", "None: every row was carried, every value as the source holds it.");
    } else {
      h.raw("<p>")
          .text(
              number(t.rowsRejected())
                  + " rows rejected (not in the target), "
                  + number(t.valuesChanged())
                  + " values changed under --on-nul / --on-zero-date; files in ")
          .element("code", null, t.rejectsDir())
          .raw("</p>\n<table>\n")
          .headerRow("table", "rows rejected", "values changed", "file");
      for (TableReport x : with) {
        h.raw("<tr>")
            .element("td", "name", x.name())
            .element("td", "num", number(x.rowsRejected()))
            .element("td", "num", number(x.valuesChanged()))
            .raw("<td>")
            .element("code", null, x.rejectsFile())
            .raw("</td></tr>\n");
      }
      h.raw("</table>\n");
    }
    h.raw("</section>\n");
  }

  private static void verification(Html h, VerificationReport v) {
    h.raw("<p>");
    status(h, v.passed() ? "passed" : "differences");
    h.text(
            String.format(
                Locale.ROOT,
                " %s: %,d tables compared, %,d accounted for by the run, %,d differ; %,d rows"
                    + " differ as the run reported (rejected or changed); %.1f s",
                v.level(),
                v.tablesChecked(),
                v.tablesAccounted(),
                v.tablesDiffering(),
                v.differencesAccounted(),
                v.seconds()))
        .raw("</p>\n");
    if (v.tables().isEmpty()) {
      return;
    }
    h.raw("<table class=\"verify\">\n")
        .headerRow(
            "table", "status", "source rows", "target rows", "chunks", "differing", "what differs");
    for (VerificationReport.TableLine t : v.tables()) {
      h.raw("<tr>").element("td", "name", t.table()).raw("<td>");
      status(h, t.status());
      h.raw("</td>")
          .element("td", "num", number(t.sourceRows()))
          .element("td", "num", number(t.targetRows()))
          .element("td", "num", number(t.chunksChecked()))
          .element("td", "num", number(t.chunksDiffering()))
          .raw("<td class=\"msg\">")
          .text(t.message());
      if (!t.firstDifferences().isEmpty()) {
        h.raw("<ul>");
        t.firstDifferences().forEach(d -> h.element("li", null, d));
        h.raw("</ul>");
      }
      List<VerificationReport.ChunkLine> differing =
          t.chunks().stream()
              .filter(
                  c -> c.unaccounted() > 0 || c.error() != null || c.refused() + c.changed() > 0)
              .toList();
      if (!differing.isEmpty()) {
        h.raw("<details><summary>")
            .text(differing.size() + " chunk(s) not simply equal")
            .raw("</summary><table>")
            .headerRow("chunk", "range", "source", "target", "unaccounted", "why");
        for (VerificationReport.ChunkLine c : differing) {
          h.raw("<tr>")
              .element("td", "num", c.number())
              .element("td", null, c.range())
              .element("td", "num", number(c.sourceRows()))
              .element("td", "num", number(c.targetRows()))
              .element("td", "num", number(c.unaccounted()))
              .element(
                  "td",
                  "msg",
                  c.error() != null
                      ? c.error()
                      : c.refused() + " rejected, " + c.changed() + " changed by the run")
              .raw("</tr>");
        }
        h.raw("</table></details>");
      }
      h.raw("</td></tr>\n");
    }
    h.raw("</table>\n");
  }

  private static void chart(Html h, List<TableReport> tables) {
    List<TableReport> drawn =
        SvgBarChart.ordered(tables.stream().filter(t -> !"skipped".equals(t.status())).toList());
    h.raw("<section id=\"chart\"><h2>Where the time went</h2>\n");
    if (drawn.isEmpty()) {
      h.element("p", "none", "No table was copied.");
    } else {
      if (drawn.size() > CHART_TABLES) {
        h.element(
            "p",
            "sub",
            "The "
                + CHART_TABLES
                + " tables that took longest, of "
                + number(drawn.size())
                + "; every table is in the table below.");
        drawn = drawn.subList(0, CHART_TABLES);
      }
      h.raw("<div class=\"scroll\">").raw(SvgBarChart.forRun().render(drawn)).raw("</div>\n");
    }
    h.raw("</section>\n");
  }

  private static void tables(Html h, List<TableReport> tables) {
    h.raw("<section id=\"tables\"><h2>Tables</h2>\n<div class=\"scroll\"><table>\n")
        .headerRow(
            "table",
            "mode",
            "status",
            "rows read",
            "rows written",
            "digested",
            "rejected",
            "changed",
            "size (source)",
            "chunks",
            "seconds",
            "note");
    for (TableReport t : SvgBarChart.ordered(tables)) {
      h.raw("<tr>").element("td", "name", t.name()).element("td", null, t.mode()).raw("<td>");
      status(h, t.status());
      h.raw("</td>")
          .element("td", "num", number(t.rowsRead()))
          .element("td", "num", number(t.rowsWritten()))
          .element("td", "num", number(t.rowsDigested()))
          .element("td", "num", number(t.rowsRejected()))
          .element("td", "num", number(t.valuesChanged()))
          .element("td", "num", Sizes.format(t.sourceBytes()))
          .element("td", "num", t.chunksDone() + "/" + t.chunks())
          .element("td", "num", String.format(Locale.ROOT, "%.2f", t.seconds()))
          .element("td", "msg", t.error() != null ? t.error() : t.reason())
          .raw("</tr>\n");
    }
    h.raw("</table></div></section>\n");
  }

  private static void findings(Html h, List<Finding> findings) {
    h.raw("<section id=\"findings\"><h2>Findings of the checks</h2>\n");
    if (findings.isEmpty()) {
      h.element("p", "none", "None.");
    } else {
      h.raw("<table>\n").headerRow("severity", "id", "message", "fix");
      for (Finding f : findings) {
        h.raw("<tr>")
            .raw("<td>")
            .element("span", "sev sev-" + f.severity().label(), f.severity().label())
            .raw("</td>")
            .element("td", "name", f.id())
            .element("td", "msg", f.message())
            .element("td", "msg", f.fix())
            .raw("</tr>\n");
      }
      h.raw("</table>\n");
    }
    h.raw("</section>\n");
  }

  private static void settings(Html h, RunReport r) {
    h.raw("<section id=\"settings\"><h2>Settings</h2>\n<dl class=\"settings\">\n")
        .entry("source", r.source())
        .entry("source server", r.sourceServer())
        .entry("target", r.target())
        .entry("target schema", r.targetSchema())
        .entry("target server", r.targetServer());
    RunReport.Settings s = r.settings();
    if (s != null) {
      h.entry("--schema-mode", s.schemaMode())
          .entry(
              "--include", s.include().isEmpty() ? "(every table)" : String.join(" ", s.include()))
          .entry("--exclude", s.exclude().isEmpty() ? "(none)" : String.join(" ", s.exclude()))
          .entry("--owner", s.owner() == null ? "(not given)" : s.owner())
          .entry("--parallelism", s.parallelism())
          .entry("--runner", s.runner())
          .entry("--chunk-rows", number(s.chunkRows()))
          .entry("--rebuild-indexes-from", number(s.rebuildIndexesFrom()))
          .entry("--on-nul", s.onNul())
          .entry("--on-zero-date", s.onZeroDate())
          .entry("--max-rejects", number(s.maxRejects()))
          .entry("--retries", s.retries())
          .entry("--server-timeout", s.serverTimeout() + " s")
          .entry("--verify", s.verify() == null ? "(--no-verify)" : s.verify())
          .entry("copy digest", s.copyDigest() ? "on" : "off (--no-copy-digest)")
          .entry("--resume", s.resume() ? "yes" : "no")
          .entry("--skip-checks", s.skipChecks() ? "yes" : "no")
          .entry("--allow-version-mismatch", s.allowVersionMismatch() ? "yes" : "no")
          .entry("--journal-schema", s.journalSchema());
    }
    h.raw("</dl>\n</section>\n");
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static void writeAtomically(String page, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, ".report-", ".html.tmp");
    try {
      Files.writeString(tmp, page, StandardCharsets.UTF_8);
      Files.move(
          tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static final String STYLE =
      """
:root { --good: #1a7f37; --bad: #c62828; --warn: #b26a00; --neutral: #57606a;
        --line: #d0d7de; --bg: #f6f8fa; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1f2328; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid var(--line); }
.sub { color: var(--neutral); margin: .2em 0; }
.none { color: var(--neutral); }
.status { display: inline-block; padding: .05em .55em; border-radius: 1em; color: #fff;
          font-size: .85em; font-weight: 600; vertical-align: middle; white-space: nowrap; }
h1 .status { font-size: .7em; }
.status.good { background: var(--good); } .status.bad { background: var(--bad); }
.status.warn { background: var(--warn); } .status.neutral { background: var(--neutral); }
.problems li { color: var(--bad); }
dl.totals, dl.settings { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
           gap: .4em 1em; margin: .5em 0; }
dl.settings { grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
dl div { background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
         padding: .3em .6em; }
dt { color: var(--neutral); font-size: .85em; } dd { margin: 0; font-weight: 600;
         overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25em .5em; text-align: left;
         vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: break-word;
          max-width: 28em; }
td.msg { max-width: 40em; overflow-wrap: anywhere; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.sev { font-weight: 600; } .sev-error { color: var(--bad); } .sev-warning { color: var(--warn); }
.sev-info { color: var(--neutral); }
.scroll { overflow-x: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1f2328; }
svg.chart text.head { font-weight: 600; }
svg.chart text.label { font-family: ui-monospace, Menlo, Consolas, monospace; }
svg.chart text.value { fill: var(--neutral); }
svg.chart rect.time { fill: #0969da; } svg.chart rect.rows { fill: #8250df; }
svg.chart rect.size { fill: #1a7f37; }
svg.chart g.status-failed text.label, svg.chart g.status-not-started text.label { fill: var(--bad); }
footer { margin-top: 2em; color: var(--neutral); font-size: .85em; }
""";
}
