package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AnonymiseKeysTest {
  static final byte[] SECRET = "a test secret, not a real one".getBytes(StandardCharsets.UTF_8);
  static final String KEPT_PASSWORD = "Sandbox-Pa55word!";

  static AnonymiseKeys keys() {
    return AnonymiseKeys.of(SECRET, KEPT_PASSWORD.toCharArray());
  }

  @Test
  void pseudonymIsTheBase32OfTheFirstTenBytesOfTheHmac() throws Exception {
    // computed here independently: javax.crypto for the HMAC, a BigInteger for base32
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] h = mac.doFinal("email\0ann@example.org".getBytes(StandardCharsets.UTF_8));
    BigInteger bits = new BigInteger(1, Arrays.copyOf(h, 10));
    StringBuilder expected = new StringBuilder();
    for (int i = 15; i >= 0; i--) {
      expected.append(
          "abcdefghijklmnopqrstuvwxyz234567".charAt(bits.shiftRight(5 * i).intValue() & 31));
    }
    assertEquals(expected.toString(), keys().pseudonym("email", "ann@example.org"));
  }

  @Test
  void sameInputsGiveTheSamePseudonymAcrossInstancesAndDomainsSeparate() {
    String a = keys().pseudonym("username", "ann");
    assertEquals(a, AnonymiseKeys.of(SECRET.clone(), null).pseudonym("username", "ann"));
    assertTrue(a.matches("[a-z2-7]{16}"), a);
    assertNotEquals(a, keys().pseudonym("email", "ann"));
    assertNotEquals(a, keys().pseudonym("username", "Ann"));
    assertNotEquals(
        a,
        AnonymiseKeys.of("another secret".getBytes(StandardCharsets.UTF_8), null)
            .pseudonym("username", "ann"));
    // the NUL separator keeps ("ab", "c") and ("a", "bc") apart
    assertFalse(Arrays.equals(keys().hmac("ab", "c"), keys().hmac("a", "bc")));
  }

  @Test
  void aMillionDistinctValuesGiveAMillionDistinctPseudonyms() {
    AnonymiseKeys keys = keys();
    Set<String> seen = new HashSet<>(2_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      seen.add(keys.pseudonym("username", "student" + i));
    }
    assertEquals(1_000_000, seen.size());
  }

  @Test
  void theCallerCannotChangeTheKeysAfterwards() {
    byte[] secret = SECRET.clone();
    char[] password = KEPT_PASSWORD.toCharArray();
    AnonymiseKeys keys = AnonymiseKeys.of(secret, password);
    String before = keys.pseudonym("d", "v");
    Arrays.fill(secret, (byte) 0);
    Arrays.fill(password, 'x');
    assertEquals(before, keys.pseudonym("d", "v"));
    assertArrayEquals(KEPT_PASSWORD.toCharArray(), keys.keptPassword());
  }

  @Test
  void toStringShowsNoSecret() {
    String text = keys().toString();
    assertFalse(text.contains(new String(SECRET, StandardCharsets.UTF_8)), text);
    assertFalse(text.contains(KEPT_PASSWORD), text);
    assertTrue(text.contains("****"), text);
    assertTrue(AnonymiseKeys.of(SECRET, null).toString().contains("(none)"));
  }

  @Test
  void refusesEmptySecretsAndPasswordsBcryptWouldCut() {
    assertThrows(IllegalArgumentException.class, () -> AnonymiseKeys.of(new byte[0], null));
    assertThrows(IllegalArgumentException.class, () -> AnonymiseKeys.of(null, null));
    assertThrows(IllegalArgumentException.class, () -> AnonymiseKeys.of(SECRET, new char[0]));
    char[] longPassword = new char[73];
    Arrays.fill(longPassword, 'p');
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AnonymiseKeys.of(SECRET, longPassword));
    assertFalse(e.getMessage().contains("ppp"), e.getMessage());
    assertEquals(
        72, AnonymiseKeys.of(SECRET, Arrays.copyOf(longPassword, 72)).keptPassword().length);
  }

  @Test
  void survivesSerialisationAsBeamShipsIt() throws Exception {
    AnonymiseKeys keys = keys();
    AnonymiseKeys copy = roundTrip(keys);
    assertEquals(keys.pseudonym("city", "Perth"), copy.pseudonym("city", "Perth"));
    assertArrayEquals(KEPT_PASSWORD.toCharArray(), copy.keptPassword());
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
