package org.moodlemigrate.progress;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * Progress as log lines, for wherever output is not a terminal: one line per table finished, and
 * every {@code everySeconds} one line for the whole pass. Each line also carries its figures as
 * key-value pairs, which {@code --log-format json} writes as fields.
 */
final class LogRenderer implements CopyDisplay.Renderer {
  private final Logger log;
  private final long everyNanos;
  private long nextOverall;

  LogRenderer(Logger log, long everySeconds) {
    this.log = log;
    this.everyNanos = everySeconds * 1_000_000_000L;
    this.nextOverall = System.nanoTime() + everyNanos;
  }

  @Override
  public void update(CopyDisplay.Overall overall, List<CopyDisplay.Active> active) {
    long now = System.nanoTime();
    if (now < nextOverall) {
      return;
    }
    nextOverall = now + everyNanos;
    double left = ProgressLine.secondsLeft(overall.rows(), overall.rowsTotal(), overall.seconds());
    log.atInfo()
        .addKeyValue("event", "progress")
        .addKeyValue("tablesFinished", overall.tablesFinished())
        .addKeyValue("tables", overall.tables())
        .addKeyValue("rows", overall.rows())
        .addKeyValue("rowsEstimate", overall.rowsTotal())
        .addKeyValue("bytes", overall.bytes())
        .addKeyValue("rowsPerSecond", Math.round(overall.rowsPerSecond()))
        .addKeyValue("secondsLeft", left < 0 ? null : Math.round(left))
        .log(
            String.format(
                Locale.ROOT,
                "progress: %s of %s tables, %s of about %s rows (%d %%), %s, %s rows/s%s%s",
                ProgressLine.count(overall.tablesFinished()),
                ProgressLine.count(overall.tables()),
                ProgressLine.count(overall.rows()),
                ProgressLine.count(overall.rowsTotal()),
                overall.rowsTotal() == 0 ? 100 : overall.rows() * 100 / overall.rowsTotal(),
                ProgressLine.megabytes(overall.bytes()),
                ProgressLine.count(Math.round(overall.rowsPerSecond())),
                left < 0 ? "" : ", about " + ProgressLine.seconds(left) + " left",
                active.isEmpty()
                    ? ""
                    : "; copying "
                        + String.join(
                            ", ", active.stream().limit(4).map(CopyDisplay.Active::name).toList())
                        + (active.size() > 4 ? " and " + (active.size() - 4) + " more" : "")));
  }

  @Override
  public void finished(CopyDisplay.Finished table, CopyDisplay.Overall overall) {
    log.atInfo()
        .addKeyValue("event", table.chunksFailed() > 0 ? "table-failed" : "table-copied")
        .addKeyValue("table", table.name())
        .addKeyValue("rows", table.rows())
        .addKeyValue("bytes", table.bytes())
        .addKeyValue("seconds", Math.round(table.seconds() * 10) / 10.0)
        .addKeyValue("tablesFinished", overall.tablesFinished())
        .addKeyValue("tables", overall.tables())
        .log(
            String.format(
                Locale.ROOT,
                "%s %s: %s rows, %s in %s (%s of %s tables)%s",
                table.chunksFailed() > 0 ? "failed" : "copied",
                table.name(),
                ProgressLine.count(table.rows()),
                ProgressLine.megabytes(table.bytes()),
                ProgressLine.seconds(table.seconds()),
                ProgressLine.count(overall.tablesFinished()),
                ProgressLine.count(overall.tables()),
                table.chunksFailed() > 0
                    ? "; " + table.chunksFailed() + " chunk(s) failed, see the summary"
                    : ""));
  }

  @Override
  public void close(CopyDisplay.Overall overall) {
    // The summary follows; a last overall line would only repeat it.
  }
}
