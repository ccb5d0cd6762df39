package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moodlemigrate.anonymise.RuleFiles.noRow;
import static org.moodlemigrate.anonymise.RuleFiles.row;
import static org.moodlemigrate.anonymise.RuleFiles.rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class ColumnRuleTest {
  private static final Set<String> KEPT = Set.of("admin", "guest");
  private final AnonymiseKeys keys = AnonymiseKeysTest.keys();

  private ValueRule bound(String line) {
    return rule(line).bind(keys, KEPT);
  }

  @Test
  void keepNullEmptyFixed() {
    assertEquals("v", bound("c: {rule: keep}").apply("v", noRow()));
    assertNull(bound("c: {rule: keep}").apply(null, noRow()));
    assertNull(bound("c: {rule: null}").apply("v", noRow()));
    assertEquals("", bound("c: {rule: empty}").apply("v", noRow()));
    assertNull(bound("c: {rule: empty}").apply(null, noRow()));
    assertEquals("x", bound("c: {rule: fixed, value: x}").apply("v", noRow()));
    assertEquals("x", bound("c: {rule: fixed, value: x}").apply(null, noRow()));
    assertEquals("0", bound("c: {rule: fixed, value: 0}").apply("5", noRow()));
  }

  @Test
  void pseudonymFillsTheFormatAndKeepsNullAndEmpty() {
    ValueRule email =
        bound("email: {rule: pseudonym, domain: email, format: \"user_{}@example.invalid\"}");
    String ann = email.apply("Ann@example.org", noRow());
    assertEquals("user_" + keys.pseudonym("email", "Ann@example.org") + "@example.invalid", ann);
    // exact: no lower-casing
    assertNotEquals(ann, email.apply("ann@example.org", noRow()));
    assertNull(email.apply(null, noRow()));
    assertEquals("", email.apply("", noRow()));
    // the domain defaults to the column, the format to {}
    assertEquals(
        keys.pseudonym("city", "Perth"), bound("city: {rule: pseudonym}").apply("Perth", noRow()));
  }

  @Test
  void theSameValueInTheSameDomainJoinsAcrossTables() {
    ValueRule a = bound("email: {rule: pseudonym, domain: email, format: \"u{}\"}");
    ValueRule b = bound("mail: {rule: pseudonym, domain: email, format: \"u{}\"}");
    assertEquals(a.apply("x@y.z", noRow()), b.apply("x@y.z", noRow()));
  }

  @Test
  void keptAccountsGetABcryptOfTheKeptPasswordThatMoodleAccepts() {
    ValueRule password = bound("password: {rule: password}");
    String hash = password.apply("$2y$10$sourcehash", row(Map.of("username", "admin")));
    assertTrue(hash.startsWith("$2y$10$"), hash);
    assertEquals(60, hash.length());
    assertTrue(OpenBSDBCrypt.checkPassword(hash, AnonymiseKeysTest.KEPT_PASSWORD.toCharArray()));
    assertFalse(OpenBSDBCrypt.checkPassword(hash, "wrong".toCharArray()));
    // the salt comes from the secret and the username: a second refresh writes the same hash
    ValueRule again = rule("password: {rule: password}").bind(AnonymiseKeysTest.keys(), KEPT);
    assertEquals(hash, again.apply("other", row(Map.of("username", "admin"))));
    String guest = password.apply("x", row(Map.of("username", "guest")));
    assertNotEquals(hash, guest);
    assertTrue(OpenBSDBCrypt.checkPassword(guest, AnonymiseKeysTest.KEPT_PASSWORD.toCharArray()));
  }

  @Test
  void everyoneElseGetsAnUnusablePasswordNullOrNot() {
    ValueRule password = bound("password: {rule: password}");
    assertEquals("!sandbox", password.apply("$2y$10$abc", row(Map.of("username", "ann"))));
    assertEquals("!sandbox", password.apply(null, row(Map.of("username", "ann"))));
    Map<String, String> noUsername = new HashMap<>();
    noUsername.put("username", null);
    assertEquals("!sandbox", password.apply("md5", row(noUsername)));
  }

  @Test
  void withoutAKeptPasswordKeptAccountsKeepTheirOwn() {
    ValueRule password =
        rule("password: {rule: password}")
            .bind(AnonymiseKeys.of(AnonymiseKeysTest.SECRET, null), KEPT);
    assertEquals("$2y$10$own", password.apply("$2y$10$own", row(Map.of("username", "ADMIN"))));
    assertEquals("!sandbox", password.apply("$2y$10$own", row(Map.of("username", "ann"))));
  }

  @Test
  void ipAndDateShift() {
    ValueRule ip = bound("lastip: {rule: ip}");
    assertEquals(IpReplacement.replace(keys, "203.0.113.9"), ip.apply("203.0.113.9", noRow()));
    assertEquals("", ip.apply("", noRow()));
    assertNull(ip.apply(null, noRow()));
    ValueRule shift = bound("timecreated: {rule: date-shift, by: -1d}");
    assertEquals("1699913600", shift.apply("1700000000", noRow()));
    assertEquals("0", shift.apply("0", noRow()));
    assertNull(shift.apply(null, noRow()));
  }

  @Test
  void whenAppliesOnlyToMatchingRowsIgnoringCase() {
    ValueRule value =
        bound("value: {rule: empty, when: {column: name, matches: [smtppass, \"*apikey*\"]}}");
    assertEquals(
        List.of("name"),
        rule("value: {rule: empty, when: {column: name, matches: [a]}}").conditionColumns());
    assertEquals("", value.apply("s3cret", row(Map.of("name", "smtppass"))));
    assertEquals("", value.apply("s3cret", row(Map.of("name", "SmtpPass"))));
    assertEquals("", value.apply("k", row(Map.of("name", "aiprovider_openai_apikey"))));
    assertEquals("host", value.apply("host", row(Map.of("name", "smtphosts"))));
    Map<String, String> nullName = new HashMap<>();
    nullName.put("name", null);
    assertEquals("v", value.apply("v", row(nullName)));
  }

  @Test
  void unlessLeavesTheListedRowsAndUnlessKeptTheKeptAccounts() {
    ValueRule value =
        bound(
            "value: {rule: empty, when: {column: name, matches: [\"*password*\"]},"
                + " unless: {column: name, in: [passwordpolicy]}}");
    assertEquals("1", value.apply("1", row(Map.of("name", "passwordpolicy"))));
    assertEquals("", value.apply("pw", row(Map.of("name", "cronremotepassword"))));
    ValueRule username =
        bound("username: {rule: pseudonym, format: \"user_{}\", unless-kept: true}");
    assertEquals("admin", username.apply("admin", row(Map.of("username", "admin"))));
    assertEquals(
        "user_" + keys.pseudonym("username", "ann"),
        username.apply("ann", row(Map.of("username", "ann"))));
  }

  @Test
  void conditionColumnsNameWhatTheRuleReads() {
    assertEquals(List.of(), rule("c: {rule: empty}").conditionColumns());
    assertEquals(List.of("username"), rule("password: {rule: password}").conditionColumns());
    assertEquals(
        List.of("name", "username"),
        rule("c: {rule: empty, when: {column: Name, matches: [x]}, unless-kept: true}")
            .conditionColumns());
    assertEquals(List.of("id"), rule("c: {rule: shuffle}").conditionColumns());
    assertEquals(List.of("userid"), rule("c: {rule: shuffle, key: userid}").conditionColumns());
  }

  @Test
  void shuffleNeedsAPoolAndOthersDoNot() {
    ColumnRule shuffle = rule("city: {rule: shuffle}");
    assertTrue(shuffle.needsShuffle());
    assertFalse(rule("city: {rule: empty}").needsShuffle());
    assertThrows(IllegalStateException.class, () -> shuffle.bind(keys, KEPT));
    ShufflePool pool =
        ShufflePool.permute(
            "mdl_t", "id", "city", keys, new long[] {1, 2}, new String[] {"a", "b"}, 2);
    assertThrows(
        IllegalStateException.class, () -> rule("city: {rule: empty}").bindShuffle(keys, pool));
    ShufflePool other =
        ShufflePool.permute("mdl_t", "id", "town", keys, new long[] {1}, new String[] {"a"}, 1);
    assertThrows(IllegalArgumentException.class, () -> shuffle.bindShuffle(keys, other));
    ValueRule bound = shuffle.bindShuffle(keys, pool);
    assertEquals(pool.valueFor(2), bound.apply("b", row(Map.of("id", "2"))));
    assertNull(bound.apply(null, row(Map.of("id", "2"))));
  }

  @Test
  void boundRulesSurviveSerialisation() throws Exception {
    Map<String, String> ann = Map.of("username", "ann", "name", "smtppass");
    Map<String, String> admin = Map.of("username", "admin", "name", "x");
    for (String line :
        List.of(
            "c: {rule: keep}",
            "c: {rule: null}",
            "c: {rule: empty}",
            "c: {rule: fixed, value: f}",
            "c: {rule: pseudonym, domain: d, format: \"p{}\", unless-kept: true}",
            "password: {rule: password}",
            "c: {rule: ip}",
            "c: {rule: date-shift, by: 1h}",
            "c: {rule: empty, when: {column: name, matches: [smtp*]}, unless: {column: name, in:"
                + " [y]}}")) {
      ValueRule rule = bound(line);
      ValueRule copy = AnonymiseKeysTest.roundTrip(rule);
      for (Map<String, String> r : List.of(ann, admin)) {
        assertEquals(rule.apply("100", row(r)), copy.apply("100", row(r)), line);
      }
    }
    ColumnRule column = AnonymiseKeysTest.roundTrip(rule("c: {rule: pseudonym}"));
    assertEquals("pseudonym", column.kind());
  }

  @Test
  void toStringShowsNoFixedValue() {
    ColumnRule fixed = rule("c: {rule: fixed, value: hunter2}");
    assertFalse(fixed.toString().contains("hunter2"), fixed.toString());
    assertFalse(fixed.bind(keys, KEPT).toString().contains("hunter2"));
  }
}
