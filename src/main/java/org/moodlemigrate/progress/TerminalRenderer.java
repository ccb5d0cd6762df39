package org.moodlemigrate.progress;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live display on a terminal, drawn by {@code me.tongfei:progressbar} (which redraws its bars
 * in place, each on its own line, and computes rate and ETA): one bar for the whole pass — rows of
 * the expected total, MB, rows/s, time left — and one bar per table being copied, which stays on
 * screen as the table's line once it is done.
 */
final class TerminalRenderer implements CopyDisplay.Renderer {
  private final Map<String, ProgressBar> tables = new HashMap<>();
  private final Set<String> done = new HashSet<>();
  private ProgressBar overall;

  @Override
  public void update(CopyDisplay.Overall o, List<CopyDisplay.Active> active) {
    if (overall == null) {
      overall = bar("all tables", Math.max(1, o.rowsTotal())).build();
    }
    overall.maxHint(Math.max(1, o.rowsTotal()));
    overall.stepTo(o.rows());
    overall.setExtraMessage(
        " · "
            + ProgressLine.count(o.tablesFinished())
            + "/"
            + ProgressLine.count(o.tables())
            + " tables, "
            + ProgressLine.megabytes(o.bytes()));
    for (CopyDisplay.Active a : active) {
      if (done.contains(a.name())) {
        continue;
      }
      ProgressBar bar =
          tables.computeIfAbsent(
              a.name(), n -> bar(n, Math.max(1, Math.max(a.rows(), a.rowsEstimate()))).build());
      bar.maxHint(Math.max(1, Math.max(a.rows(), a.rowsEstimate())));
      bar.stepTo(a.rows());
      bar.setExtraMessage(" · " + a.chunksDone() + "/" + a.chunks() + " chunks");
    }
  }

  @Override
  public void finished(CopyDisplay.Finished table, CopyDisplay.Overall o) {
    done.add(table.name());
    ProgressBar bar = tables.remove(table.name());
    if (bar == null) {
      bar = bar(table.name(), Math.max(1, table.rows())).build();
    }
    bar.maxHint(Math.max(1, table.rows()));
    bar.stepTo(table.rows());
    bar.setExtraMessage(
        table.chunksFailed() > 0
            ? "FAILED (" + table.chunksFailed() + " chunk(s))"
            : ProgressLine.megabytes(table.bytes())
                + " in "
                + ProgressLine.seconds(table.seconds()));
    bar.close();
  }

  @Override
  public void close(CopyDisplay.Overall o) {
    tables.values().forEach(ProgressBar::close);
    tables.clear();
    if (overall != null) {
      overall.maxHint(Math.max(1, o.rows()));
      overall.stepTo(o.rows());
      overall.close();
    }
  }

  private static ProgressBarBuilder bar(String name, long max) {
    return new ProgressBarBuilder()
        .setTaskName(name.length() > 32 ? name.substring(0, 31) + "…" : name)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
        .setUpdateIntervalMillis(500)
        .setUnit(" rows", 1)
        .showSpeed()
        .setMaxRenderedLength(120);
  }
}
