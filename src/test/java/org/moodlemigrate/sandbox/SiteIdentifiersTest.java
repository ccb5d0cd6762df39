package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SiteIdentifiersTest {

  /** The fixture site's own identifier: random_string(32) . 'localhost'. */
  private static final String PRODUCTION = "ZduvEplOk4z1SLDT31X43cQdMvel4UVelocalhost";

  private static final byte[] SECRET = "a refresh secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void hasMoodlesShapeThirtyTwoCharactersThenTheHost() {
    String derived = SiteIdentifiers.derive(SECRET, PRODUCTION);
    assertEquals(32 + "localhost".length(), derived.length());
    assertTrue(derived.substring(0, 32).matches("[0-9a-f]{32}"), derived);
    assertTrue(derived.endsWith("localhost"), derived);
    assertNotEquals(PRODUCTION, derived);
  }

  @Test
  void isTheSameOnEveryRefreshAndDiffersPerSecretAndSource() {
    String derived = SiteIdentifiers.derive(SECRET, PRODUCTION);
    assertEquals(derived, SiteIdentifiers.derive(SECRET.clone(), PRODUCTION));
    assertNotEquals(
        derived,
        SiteIdentifiers.derive("another secret".getBytes(StandardCharsets.UTF_8), PRODUCTION));
    assertNotEquals(
        derived, SiteIdentifiers.derive(SECRET, "ZduvEplOk4z1SLDT31X43cQdMvel4UVflocalhost"));
  }

  @Test
  void aShortIdentifierHasNoSuffix() {
    assertEquals(32, SiteIdentifiers.derive(SECRET, "abc").length());
  }

  @Test
  void needsASecretAndTheSourceIdentifier() {
    assertThrows(IllegalArgumentException.class, () -> SiteIdentifiers.derive(null, PRODUCTION));
    assertThrows(
        IllegalArgumentException.class, () -> SiteIdentifiers.derive(new byte[0], PRODUCTION));
    assertThrows(IllegalArgumentException.class, () -> SiteIdentifiers.derive(SECRET, ""));
    assertThrows(IllegalArgumentException.class, () -> SiteIdentifiers.derive(SECRET, null));
  }
}
