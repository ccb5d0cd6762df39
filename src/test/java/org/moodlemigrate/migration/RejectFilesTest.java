package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RejectFilesTest {
  @Test
  void aSafeTableNameIsItsOwnFileName() {
    assertEquals("mdl_user.csv", RejectFiles.fileName("mdl_user"));
  }

  @Test
  void anUnsafeTableNameCannotLeaveTheDirectoryOrCollide() {
    String a = RejectFiles.fileName("../../etc/passwd");
    assertTrue(a.matches("[A-Za-z0-9_.-]+\\.csv") && !a.startsWith("."), a);
    assertNotEquals(RejectFiles.fileName("a/b"), RejectFiles.fileName("a_b"));
    assertNotEquals(RejectFiles.fileName("a/b"), RejectFiles.fileName("a\\b"));
    assertTrue(
        RejectFiles.fileName("..").matches("_\\.-[0-9a-f]{8}\\.csv"), RejectFiles.fileName(".."));
  }

  @Test
  void csvFieldsAreQuotedWithQuotesDoubled() {
    assertEquals("\"say \"\"hi\"\", x\"", RejectFiles.csv("say \"hi\", x"));
  }
}
