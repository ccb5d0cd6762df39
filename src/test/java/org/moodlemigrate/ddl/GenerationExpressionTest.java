package org.moodlemigrate.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GenerationExpressionTest {
  @Test
  void requotesNamesAndKeepsArithmetic() {
    assertEquals("(\"a\" * 2)", GenerationExpression.translate("(`a` * 2)"));
    assertEquals("\"we\"\"ird\" + 1", GenerationExpression.translate("`we\"ird` + 1"));
    assertEquals("\"back`tick\"", GenerationExpression.translate("`back``tick`"));
  }

  @Test
  void concatBecomesImmutableConcatenation() {
    assertEquals(
        "(('n')::text || (\"a\")::text)", GenerationExpression.translate("concat('n',`a`)"));
    assertEquals(
        "(('x, (y)')::text || ((('a')::text || (\"b\")::text))::text)",
        GenerationExpression.translate("CONCAT('x, (y)', concat('a', `b`))"));
    assertEquals("'concat(' || \"a\"", GenerationExpression.translate("'concat(' || `a`"));
  }

  @Test
  void refusesWhatCouldEndTheExpression() {
    assertNull(GenerationExpression.translate("`a`); DROP TABLE mdl_user; --"));
    assertNull(GenerationExpression.translate("`a` -- comment"));
    assertNull(GenerationExpression.translate("`a` /* x */"));
    assertNull(GenerationExpression.translate("concat(`a`"));
    assertEquals("'a;b'", GenerationExpression.translate("'a;b'"));
  }
}
