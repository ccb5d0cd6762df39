package org.moodlemigrate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How shell blocks and their markers are read from a page. */
class ShellBlocksTest {

  @Test
  void shellBlocksRunOthersDoNot() {
    ShellBlocks.Page page =
        ShellBlocks.parse(
            "p.md",
            List.of(
                "Text",
                "```sh",
                "echo one",
                "```",
                "```sql",
                "SELECT 1;",
                "```",
                "```",
                "synopsis",
                "```",
                "```bash",
                "echo two",
                "```"));
    assertEquals(List.of(), page.errors());
    assertEquals(2, page.blocks().size());
    assertEquals("echo one\n", page.blocks().get(0).text());
    assertEquals(2, page.blocks().get(0).line());
    assertNull(page.blocks().get(0).skipReason());
    assertEquals("echo two\n", page.blocks().get(1).text());
  }

  @Test
  void anIndentedBlockLosesItsIndentation() {
    ShellBlocks.Page page =
        ShellBlocks.parse(
            "p.md", List.of("1. Run:", "", "   ```sh", "   bin/x \\", "       --y", "   ```"));
    assertEquals("bin/x \\\n    --y\n", page.blocks().get(0).text());
  }

  @Test
  void markersSkipOrExpectAStatus() {
    ShellBlocks.Page page =
        ShellBlocks.parse(
            "p.md",
            List.of(
                "<!-- docs-test: skip (needs PHP) -->",
                "```sh",
                "php admin/cli/maintenance.php --enable",
                "```",
                "   <!-- docs-test: exit 3 -->",
                "",
                "   ```sh",
                "   bin/moodle-migrate check",
                "   ```",
                "<!-- docs-test: requires jq -->",
                "```sh",
                "jq . report.json",
                "```"));
    assertEquals(List.of(), page.errors());
    assertEquals("needs PHP", page.blocks().get(0).skipReason());
    assertEquals(3, page.blocks().get(1).expectedExit());
    assertNull(page.blocks().get(1).skipReason());
    assertEquals(List.of(), page.blocks().get(1).requires());
    assertEquals(List.of("jq"), page.blocks().get(2).requires());
    assertEquals(0, page.blocks().get(2).expectedExit());
  }

  @Test
  void aMisspeltOrStrayMarkerIsAnError() {
    ShellBlocks.Page page =
        ShellBlocks.parse(
            "p.md",
            List.of(
                "<!-- docs-test: skipp (typo) -->",
                "```sh",
                "echo",
                "```",
                "<!-- docs-test: skip (nothing follows) -->",
                "Some text.",
                "<!-- docs-test: skip (before SQL) -->",
                "```sql",
                "SELECT 1;",
                "```",
                "<!-- docs-test: exit 1 -->"));
    assertEquals(4, page.errors().size(), page.errors().toString());
    assertTrue(page.errors().get(0).startsWith("p.md:1: unknown docs-test marker"));
    assertEquals(1, page.blocks().size());
  }

  @Test
  void placeholdersAreReplacedAndUnknownExamplesReported() {
    DocsPlaceholders placeholders =
        new DocsPlaceholders("mysql://root@h:1/s", "postgresql://postgres@h:2/t", "r1", "", "p'w");
    String replaced =
        placeholders.apply(
            "export MM_SOURCE_PASSWORD='…' MM_TARGET_PASSWORD='…'\n"
                + "bin/moodle-migrate run --source "
                + DocsPlaceholders.SOURCE
                + " --target "
                + DocsPlaceholders.STAGING_TARGET
                + " --owner moodle\n"
                + "bin/moodle-migrate status --target postgresql://x@db.example.org/y\n");
    assertEquals(
        "export MM_SOURCE_PASSWORD='' MM_TARGET_PASSWORD='p'\\''w'\n"
            + "bin/moodle-migrate run --source mysql://root@h:1/s"
            + " --target postgresql://postgres@h:2/t --owner r1\n"
            + "bin/moodle-migrate status --target postgresql://x@db.example.org/y\n",
        replaced);
    assertEquals(
        List.of("bin/moodle-migrate status --target postgresql://x@db.example.org/y"),
        DocsPlaceholders.leftovers(replaced));
  }
}
