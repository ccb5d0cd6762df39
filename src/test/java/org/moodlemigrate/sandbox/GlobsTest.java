package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GlobsTest {

  @Test
  void wildcardsBecomeLikeWildcardsAndLikeCharactersAreEscaped() {
    assertEquals("%\\_apikey", Globs.toLike("*_apikey"));
    assertEquals("smtp_ost", Globs.toLike("smtp?ost"));
    assertEquals("100\\%\\\\x", Globs.toLike("100%\\x"));
  }
}
