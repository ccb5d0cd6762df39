package org.moodlemigrate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The page's markup, without a browser or a server: every value escaped wherever it lands (text,
 * attribute, SVG), any status word shown, the chart's rows longest first and capped. {@code
 * HtmlReportIT} opens the page of a real run in Chromium.
 */
class HtmlReportWriterTest {
  private static final String HOSTILE = "<script>alert('x')</script>";
  private static final String HOSTILE_ATTR = "\" onmouseover=\"alert(1)";

  @Test
  void everyValueIsEscapedWhereverItLands() {
    String page =
        HtmlReportWriter.render(
            report(
                "failed",
                List.of(
                    table(HOSTILE, "copied", 2.0, 10),
                    table(HOSTILE_ATTR, "failed", 1.0, 5),
                    table("<img src=x onerror=alert(1)>", "not-started", 0, 0)),
                List.of("table " + HOSTILE + ": <b>boom</b>")));
    String lower = page.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains("<script"), "a value became a script element");
    assertFalse(lower.contains("<img"), "a value became an image");
    assertFalse(lower.contains("<b>"), "a value became markup");
    assertFalse(page.contains("\" onmouseover"), "a value broke out of an attribute");
    assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(page.contains("data-table=\"&quot; onmouseover=&quot;alert(1)\""));
  }

  @Test
  void anyStatusIsShownAndColouredByKind() {
    String page = HtmlReportWriter.render(report("interrupted", List.of(), List.of()));
    assertTrue(page.contains("<span class=\"status warn\">interrupted</span>"), page);
    assertTrue(
        HtmlReportWriter.render(report("succeeded", List.of(), List.of()))
            .contains("<span class=\"status good\">succeeded</span>"));
    assertEquals("bad", HtmlReportWriter.statusKind("refused"));
    assertEquals("warn", HtmlReportWriter.statusKind("succeeded-with-rejects"));
    assertEquals("warn", HtmlReportWriter.statusKind("a-status-of-tomorrow"));
  }

  @Test
  void theChartDrawsTheLongestTablesFirstAndAtMostForty() {
    List<TableReport> tables = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tables.add(table("t" + i, "copied", i, i * 100L));
    }
    tables.add(table("skipped_one", "skipped", 0, 0));
    String page = HtmlReportWriter.render(report("succeeded", tables, List.of()));
    String chart = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
    List<String> rows = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("data-table=\"([^\"]*)\"").matcher(chart);
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertEquals(HtmlReportWriter.CHART_TABLES, rows.size());
    assertEquals("t49", rows.get(0));
    assertEquals("t10", rows.get(rows.size() - 1));
    assertTrue(page.contains("The 40 tables that took longest, of 50"), page);
    // Every table, the skipped one too, is in the table below the chart.
    assertTrue(page.contains("<td class=\"name\">t0</td>"));
    assertTrue(page.contains("<td class=\"name\">skipped_one</td>"));
  }

  @Test
  void verifysPageListsEveryTable() {
    VerificationReport v =
        new VerificationReport(
            "checksums",
            false,
            7L,
            2,
            0,
            1,
            0,
            1.5,
            List.of(
                new VerificationReport.TableLine(
                    "mdl_user", "public.mdl_user", "ok", 3, 3, 1, 0, 0, "", List.of(), List.of()),
                new VerificationReport.TableLine(
                    HOSTILE,
                    "public.x",
                    "mismatch",
                    3,
                    2,
                    1,
                    1,
                    0,
                    "1 row(s) differ",
                    List.of("id=2: missing from the target"),
                    List.of(
                        new VerificationReport.ChunkLine(
                            0, "id [1, 5)", 3, 2, "a", "b", 0, 0, 1, null)))));
    String page = HtmlReportWriter.render(v, "mysql://u@h:3306/db", "postgresql://u@h:5432/db");
    assertFalse(page.toLowerCase(Locale.ROOT).contains("<script"));
    assertTrue(page.contains("<span class=\"status bad\">differences</span>"));
    assertTrue(page.contains("<td class=\"name\">mdl_user</td>"));
    assertTrue(page.contains("id=2: missing from the target"));
    assertTrue(page.contains("1 chunk(s) not simply equal"));
  }

  private static TableReport table(String name, String status, double seconds, long rows) {
    return new TableReport(
        name,
        "public." + name,
        "skipped".equals(status) ? "skipped" : "loaded",
        status,
        null,
        rows,
        rows,
        1,
        "copied".equals(status) ? 1 : 0,
        seconds,
        "failed".equals(status) ? "table " + name + ": it broke" : null,
        0,
        0,
        null,
        rows,
        rows * 100,
        0);
  }

  private static RunReport report(String status, List<TableReport> tables, List<String> problems) {
    return new RunReport(
        "moodle-migrate",
        "0.1.0",
        1L,
        status,
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:01:00Z"),
        60,
        "mysql://moodle@db:3306/moodle",
        "MariaDB 10.11",
        "postgresql://moodle@pg:5432/moodle",
        "public",
        "PostgreSQL 15",
        new RunReport.Settings(
            "auto",
            List.of(),
            List.of(),
            null,
            2,
            "direct",
            100000,
            50000,
            "strip",
            "null",
            0,
            5,
            300,
            "counts",
            true,
            false,
            false,
            false,
            "moodle_migrate"),
        new RunReport.Totals(
            tables.size(), tables.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, 1, 1, 0),
        tables,
        problems,
        List.of(Finding.warning("not-a-moodle-site", "<i>no</i> config table", "check --source")),
        new RunReport.Completion(0, 0, null, 0, List.of()),
        null,
        null,
        new RunReport.Phases(1, 2, 3, 40, 5, 6, 0, 3));
  }
}
