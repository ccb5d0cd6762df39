package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreserveSpecTest {

  @Test
  void parsesTableKeyColumnAndGlobs() {
    PreserveSpec spec = PreserveSpec.parse("config:name=smtphosts,noreplyaddress,*_apikey");
    assertEquals("config", spec.table());
    assertEquals("name", spec.keyColumn());
    assertEquals(List.of("smtphosts", "noreplyaddress", "*_apikey"), spec.globs());
  }

  @Test
  void trimsSpacesLowerCasesNamesAndDropsRepeatedGlobs() {
    PreserveSpec spec = PreserveSpec.parse(" Config : Name = smtphosts , *Key* ,smtphosts");
    assertEquals("config", spec.table());
    assertEquals("name", spec.keyColumn());
    assertEquals(List.of("smtphosts", "*Key*"), spec.globs());
  }

  @Test
  void writesItselfBackInItsOwnSyntax() {
    String text = "config_plugins:name=bind_pw,host?";
    assertEquals(text, PreserveSpec.parse(text).toString());
    assertEquals(PreserveSpec.parse(text), PreserveSpec.parse(PreserveSpec.parse(text).toString()));
  }

  @Test
  void parseAllStopsAtTheFirstBadSpecAndNamesIt() {
    PreserveSpecException e =
        assertThrows(
            PreserveSpecException.class,
            () -> PreserveSpec.parseAll(List.of("config:name=a", "config=b", "user:id=1")));
    assertEquals("config=b", e.spec());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "config                   | no ':'",
        "config:name              | no '='",
        "config=name:smtphosts    | '=' comes before ':'",
        ":name=smtphosts          | table name is missing",
        "config:=smtphosts        | key column is missing",
        "mdl config:name=x        | 'mdl config' is not a table name",
        "config:na-me=x           | 'na-me' is not a column name",
        "config:name=             | names no values",
        "config:name=a,,b         | value 2 of 3 is empty",
        "config:name=a,           | value 2 of 2 is empty",
      })
  void aBadSpecIsNamedWithTheReasonAndTheExpectedForm(String spec, String reason) {
    PreserveSpecException e =
        assertThrows(PreserveSpecException.class, () -> PreserveSpec.parse(spec));
    assertTrue(e.getMessage().startsWith("Bad preserve spec '" + spec + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains(PreserveSpec.FORM), e.getMessage());
    assertEquals(spec, e.spec());
  }

  @Test
  void anEmptySpecIsRefused() {
    assertTrue(
        assertThrows(PreserveSpecException.class, () -> PreserveSpec.parse("  "))
            .getMessage()
            .contains("it is empty"));
    assertThrows(PreserveSpecException.class, () -> PreserveSpec.parse(null));
  }
}
