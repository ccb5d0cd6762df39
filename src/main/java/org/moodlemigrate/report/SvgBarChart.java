package org.moodlemigrate.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Where a run's time went, drawn as inline SVG (no script, no external file, so the page opens
 * anywhere and can be mailed): one row per table, longest first, with a bar for each measure side
 * by side (seconds, rows, size), each measure scaled to its own largest value.
 */
final class SvgBarChart {
  /** One measure: a column of bars. */
  record Measure(String name, String cls, ToDoubleFunction<TableReport> value, Formatter format) {}

  /** How a measure's value is printed beside its bar. */
  interface Formatter {
    String format(TableReport table);
  }

  static final int LABEL_WIDTH = 260;
  static final int COLUMN_WIDTH = 230;
  static final int ROW_HEIGHT = 20;
  static final int HEADER_HEIGHT = 24;
  static final int LABEL_CHARS = 36;

  private final List<Measure> measures;

  SvgBarChart(List<Measure> measures) {
    this.measures = List.copyOf(measures);
  }

  /** The measures a run report is drawn with: time, rows written, source data size. */
  static SvgBarChart forRun() {
    return new SvgBarChart(
        List.of(
            new Measure(
                "time",
                "time",
                TableReport::seconds,
                t -> String.format(Locale.ROOT, "%.1f s", t.seconds())),
            new Measure(
                "rows written",
                "rows",
                TableReport::rowsWritten,
                t -> String.format(Locale.ROOT, "%,d", t.rowsWritten())),
            new Measure(
                "size (source)",
                "size",
                TableReport::sourceBytes,
                t -> Sizes.format(t.sourceBytes()))));
  }

  /** The tables in the order drawn: longest first, then most rows, then largest, then by name. */
  static List<TableReport> ordered(List<TableReport> tables) {
    List<TableReport> sorted = new ArrayList<>(tables);
    sorted.sort(
        Comparator.comparingDouble(TableReport::seconds)
            .reversed()
            .thenComparing(Comparator.comparingLong(TableReport::rowsWritten).reversed())
            .thenComparing(Comparator.comparingLong(TableReport::sourceBytes).reversed())
            .thenComparing(TableReport::name));
    return sorted;
  }

  /** The chart of {@code tables}, in the order given, as an {@code <svg>} element. */
  String render(List<TableReport> tables) {
    int width = LABEL_WIDTH + measures.size() * COLUMN_WIDTH;
    int height = HEADER_HEIGHT + tables.size() * ROW_HEIGHT + 4;
    double[] max = new double[measures.size()];
    for (int m = 0; m < measures.size(); m++) {
      for (TableReport t : tables) {
        max[m] = Math.max(max[m], measures.get(m).value().applyAsDouble(t));
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
            width,
            height,
            width,
            height));
    svg.append("<title>Time, rows and size per table, longest first</title>\n");
    for (int m = 0; m < measures.size(); m++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"head\" x=\"%d\" y=\"16\">%s</text>%n",
              LABEL_WIDTH + m * COLUMN_WIDTH,
              Html.escape(measures.get(m).name())));
    }
    int y = HEADER_HEIGHT;
    for (TableReport t : tables) {
      svg.append("<g class=\"bar-row status-")
          .append(Html.token(t.status()))
          .append("\" data-table=\"")
          .append(Html.escape(t.name()))
          .append("\">");
      svg.append("<title>").append(Html.escape(t.name())).append("</title>");
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
              LABEL_WIDTH - 8,
              y + 14,
              Html.escape(shortened(t.name()))));
      for (int m = 0; m < measures.size(); m++) {
        Measure measure = measures.get(m);
        double value = measure.value().applyAsDouble(t);
        int x = LABEL_WIDTH + m * COLUMN_WIDTH;
        int full = COLUMN_WIDTH - 80;
        // A table with any of the measure still gets a sliver, so that it is seen to have some.
        double w = max[m] <= 0 ? 0 : Math.max(value > 0 ? 1 : 0, full * value / max[m]);
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"></rect>"
                    + "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s</text>",
                measure.cls(),
                x,
                y + 3,
                w,
                ROW_HEIGHT - 6,
                x + w + 4,
                y + 14,
                Html.escape(measure.format().format(t))));
      }
      svg.append("</g>\n");
      y += ROW_HEIGHT;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** A long name cut to fit its column; the row's title holds it whole. */
  static String shortened(String name) {
    return name.length() <= LABEL_CHARS ? name : name.substring(0, LABEL_CHARS - 1) + "…";
  }
}
