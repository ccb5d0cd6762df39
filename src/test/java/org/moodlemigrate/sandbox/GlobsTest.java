package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobsTest {

  @Test
  void wildcardsBecomeLikeWildcardsAndLikeCharactersAreEscaped() {
    assertEquals("%\\_apikey", Globs.toLike("*_apikey"));
    assertEquals("smtp_ost", Globs.toLike("smtp?ost"));
    assertEquals("100\\%\\\\x", Globs.toLike("100%\\x"));
  }

  @Test
  void javaPatternsMatchWholeNamesIgnoringCase() {
    assertTrue(Globs.toPattern("*_apikey").matcher("google_APIKEY").matches());
    assertFalse(Globs.toPattern("*_apikey").matcher("googleapikey").matches());
    assertFalse(Globs.toPattern("smtp").matcher("smtphosts").matches());
    assertTrue(Globs.toPattern("a.b?").matcher("a.bc").matches());
    assertFalse(Globs.toPattern("a.b?").matcher("axbc").matches());
  }

  @Test
  void knowsWhichGlobsCanNameMoreThanOneThing() {
    assertTrue(Globs.hasWildcard("report_*"));
    assertTrue(Globs.hasWildcard("user?"));
    assertFalse(Globs.hasWildcard("sessions"));
  }
}
