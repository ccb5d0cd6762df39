package org.moodlemigrate.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.moodlemigrate.catalog.SourceTable;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Sizes;

/**
 * How big the copy is: the source's data and index bytes per table and in total, the biggest
 * tables, and — where the server lets us see it — the free space where the target keeps its data.
 *
 * <p>PostgreSQL reports no free disk space over SQL. When the target runs on this machine (a
 * loopback host) and its {@code data_directory} is visible (superusers and {@code
 * pg_read_all_settings} see it), the file system holding it is asked. The target's need is taken as
 * twice the source's data and index bytes: InnoDB pages may be compressed (Moodle's default {@code
 * ROW_FORMAT=COMPRESSED}) where PostgreSQL's are not, and rows carry more header; a rehearsal shows
 * the real figure.
 */
final class SizeCheck implements Check {
  private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost", "::1");
  private static final int BIGGEST = 5;

  @Override
  public String name() {
    return "size";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<SourceTable> tables = Selected.copied(ctx).stream().map(TablePlan::source).toList();
    long total = tables.stream().mapToLong(t -> t.dataBytes() + t.indexBytes()).sum();
    List<String> biggest =
        tables.stream()
            .sorted(
                Comparator.comparingLong((SourceTable t) -> t.dataBytes() + t.indexBytes())
                    .reversed())
            .limit(BIGGEST)
            .map(t -> t.name() + " " + Sizes.format(t.dataBytes() + t.indexBytes()))
            .toList();
    List<Finding> out = new ArrayList<>();
    out.add(
        Finding.info(
            "source-size",
            tables.size()
                + " table(s) to copy hold "
                + Sizes.format(total)
                + " of data and indexes in the source; the biggest: "
                + String.join(", ", biggest)));
    OptionalLong free = targetFreeSpace(ctx);
    long need = 2 * total;
    if (free.isPresent()) {
      if (free.getAsLong() < need) {
        out.add(
            Finding.warning(
                "target-free-space",
                "the target's data directory has "
                    + Sizes.format(free.getAsLong())
                    + " free; the copy may need about "
                    + Sizes.format(need),
                "free space on the target before the window"));
      } else {
        out.add(
            Finding.info(
                "target-free-space",
                "the target's data directory has "
                    + Sizes.format(free.getAsLong())
                    + " free; the copy may need about "
                    + Sizes.format(need)));
      }
    } else {
      out.add(
          Finding.info(
              "target-free-space",
              "the target's free space is not visible from here; the copy may need"
                  + " about "
                  + Sizes.format(need)));
    }
    return out;
  }

  private static OptionalLong targetFreeSpace(CheckContext ctx) {
    if (!LOCAL.contains(ctx.settings().target().host())) {
      return OptionalLong.empty();
    }
    try (Connection c = ctx.target().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT setting FROM pg_catalog.pg_settings WHERE name = 'data_directory'")) {
      if (!rs.next() || rs.getString(1) == null) {
        return OptionalLong.empty();
      }
      Path dir = Path.of(rs.getString(1));
      return Files.isDirectory(dir)
          ? OptionalLong.of(Files.getFileStore(dir).getUsableSpace())
          : OptionalLong.empty();
    } catch (SQLException | IOException | SecurityException e) {
      return OptionalLong.empty();
    }
  }
}
