package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moodlemigrate.anonymise.RuleFiles.ALL_GROUPS;
import static org.moodlemigrate.anonymise.RuleFiles.row;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped {@code transforms/moodle-anonymise.yaml}: it loads, and covers what is promised. */
class ShippedRulesTest {
  private static final AnonymisationRules SHIPPED = AnonymisationRules.shipped();
  private static final AnonymiseKeys KEYS = AnonymiseKeysTest.keys();

  @Test
  void theResourceInTheJarIsTheFileInTheCheckout() throws Exception {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(AnonymisationRules.SHIPPED_RESOURCE)) {
      assertEquals(
          Files.readString(Path.of("transforms/moodle-anonymise.yaml")),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void keptAccountsAndGroups() {
    assertEquals(List.of("admin", "guest"), SHIPPED.keptAccounts());
    assertEquals(Set.of("personal", "secrets", "messages", "content"), SHIPPED.groups());
    assertEquals(Set.of("personal", "secrets", "messages"), SHIPPED.defaultGroups());
    assertTrue(SHIPPED.forTable("mdl_", "mdl_forum_posts", SHIPPED.defaultGroups()).isEmpty());
    assertTrue(SHIPPED.forTable("mdl_", "mdl_forum_posts", ALL_GROUPS).isPresent());
  }

  @ParameterizedTest(name = "{0}.{1}: {2}")
  @CsvSource({
    "user, username, pseudonym, personal",
    "user, firstname, pseudonym, personal",
    "user, lastname, pseudonym, personal",
    "user, firstnamephonetic, pseudonym, personal",
    "user, lastnamephonetic, pseudonym, personal",
    "user, middlename, pseudonym, personal",
    "user, alternatename, pseudonym, personal",
    "user, email, pseudonym, personal",
    "user, idnumber, pseudonym, personal",
    "user, phone1, pseudonym, personal",
    "user, phone2, pseudonym, personal",
    "user, institution, pseudonym, personal",
    "user, department, pseudonym, personal",
    "user, address, empty, personal",
    "user, city, pseudonym, personal",
    "user, description, empty, personal",
    "user, lastip, ip, personal",
    "user, secret, empty, personal",
    "user, password, password, personal",
    "user, icq, empty, personal",
    "user, skype, empty, personal",
    "user, yahoo, empty, personal",
    "user, aim, empty, personal",
    "user, msn, empty, personal",
    "user, url, empty, personal",
    "user_info_data, data, empty, personal",
    "logstore_standard_log, ip, ip, personal",
    "log, ip, ip, personal",
    "user_private_key, value, empty, secrets",
    "user_private_key, iprestriction, ip, secrets",
    "external_tokens, token, empty, secrets",
    "external_tokens, privatetoken, empty, secrets",
    "external_tokens, iprestriction, ip, secrets",
    "messages, subject, empty, messages",
    "messages, fullmessage, empty, messages",
    "messages, fullmessagehtml, empty, messages",
    "messages, smallmessage, empty, messages",
    "notifications, subject, empty, messages",
    "notifications, fullmessage, empty, messages",
    "notifications, fullmessagehtml, empty, messages",
    "notifications, smallmessage, empty, messages",
    "message, fullmessage, empty, messages",
    "message_read, fullmessagehtml, empty, messages",
    "forum_posts, message, fixed, content",
    "forum_posts, subject, fixed, content",
    "post, summary, empty, content",
    "post, subject, fixed, content",
    "post, content, empty, content",
    "comments, content, fixed, content",
    "config, value, empty, secrets",
    "config_plugins, value, empty, secrets",
  })
  void coversTheDocumentedColumns(String table, String column, String kind, String group) {
    TableRules rules = SHIPPED.forTable("mdl_", "mdl_" + table, ALL_GROUPS).orElseThrow();
    assertEquals(group, rules.group());
    ColumnRule rule =
        rules.columns().stream().filter(r -> r.column().equals(column)).findFirst().orElseThrow();
    assertEquals(kind, rule.kind());
    // the same with only that group on: nothing depends on another group
    assertEquals(rules, SHIPPED.forTable("mdl_", "mdl_" + table, Set.of(group)).orElseThrow());
  }

  @Test
  void legacyUserColumnsAreIfPresentAndTheOthersAreNot() {
    TableRules user = SHIPPED.forTable("mdl_", "mdl_user", ALL_GROUPS).orElseThrow();
    for (ColumnRule rule : user.columns()) {
      boolean legacy =
          Set.of("icq", "skype", "yahoo", "aim", "msn", "url", "moodlenetprofile")
              .contains(rule.column());
      assertEquals(legacy, rule.ifPresent(), rule.column());
    }
    assertEquals(
        List.of("username"), user.columns().get(0).conditionColumns(), "username unless-kept");
  }

  @ParameterizedTest
  @CsvSource({"sessions", "user_password_history", "user_password_resets"})
  void tablesThatAreEmptied(String table) {
    TableRules rules = SHIPPED.forTable("mdl_", "mdl_" + table, ALL_GROUPS).orElseThrow();
    assertTrue(rules.emptied());
    assertEquals("personal", rules.group());
  }

  @ParameterizedTest(name = "config {0}: blanked {1}")
  @CsvSource({
    "smtppass, true",
    "smtpuser, true",
    "proxypassword, true",
    "recaptchaprivatekey, true",
    "recaptchapublickey, true",
    "cronremotepassword, true",
    "passwordsaltmain, true",
    "calendar_exportsalt, true",
    "badges_badgesalt, true",
    "bigbluebuttonbn_shared_secret, true",
    "airnotifieraccesskey, true",
    "messageinbound_hostpass, true",
    "openssl, true",
    "googlemapkey3, true",
    "supportemail, true",
    "supportname, true",
    "divertallemailsto, true",
    "passwordpolicy, false",
    "minpasswordlength, false",
    "tokenduration, false",
    "proxybypass, false",
    "smtphosts, false",
    "noreplyaddress, false",
    "siteidentifier, false",
    "enablewebservices, false",
  })
  void configSecrets(String name, boolean blanked) {
    assertBlanked("config", name, blanked);
  }

  @ParameterizedTest(name = "config_plugins {0}: blanked {1}")
  @CsvSource({
    "bind_pw, true",
    "pass, true",
    "dbpass, true",
    "apikey, true",
    "lti_13_privatekey, true",
    "privatekey, true",
    "secretphrase, true",
    "test_password, true",
    "password, true",
    "usepasswordpolicy, false",
    "changepasswordurl, false",
    "dbuser, false",
    "version, false",
  })
  void configPluginSecrets(String name, boolean blanked) {
    assertBlanked("config_plugins", name, blanked);
  }

  private static void assertBlanked(String table, String name, boolean blanked) {
    TableRules rules = SHIPPED.forTable("mdl_", "mdl_" + table, ALL_GROUPS).orElseThrow();
    ValueRule value = rules.columns().get(0).bind(KEYS, Set.copyOf(SHIPPED.keptAccounts()));
    assertEquals(blanked ? "" : "the value", value.apply("the value", row(Map.of("name", name))));
  }

  @Test
  void aUserRowKeepsNothingPersonalButTheKeptAccountsLogin() {
    TableRules user = SHIPPED.forTable("mdl_", "mdl_user", ALL_GROUPS).orElseThrow();
    Map<String, String> source = new HashMap<>();
    source.put("username", "ann.smith");
    source.put("password", "$2y$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01");
    source.put("email", "Ann.Smith@uni.example");
    source.put("firstname", "Ann");
    source.put("lastname", "Smith");
    source.put("firstnamephonetic", "An");
    source.put("lastnamephonetic", "Smyth");
    source.put("middlename", "Marie");
    source.put("alternatename", "Annie");
    source.put("idnumber", "S1234567");
    source.put("phone1", "+61 8 9999 0000");
    source.put("phone2", "0400 000 000");
    source.put("institution", "Uni of Example");
    source.put("department", "Physics");
    source.put("address", "1 Main Street");
    source.put("city", "Perth");
    source.put("description", "<p>I am Ann.</p>");
    source.put("imagealt", "Ann at the beach");
    source.put("lastip", "203.0.113.5");
    source.put("secret", "Xy12ab");
    source.put("moodlenetprofile", "@ann@moodle.net");
    source.put("icq", "12345");
    Set<String> kept = Set.copyOf(SHIPPED.keptAccounts());
    for (ColumnRule rule : user.columns()) {
      String before = source.get(rule.column());
      String after = rule.bind(KEYS, kept).apply(before, row(source));
      if (before != null) {
        assertNotEquals(before, after, rule.column());
        assertFalse(after.contains(before), rule.column() + " still holds the value: " + after);
      }
    }
    source.put("username", "admin");
    ColumnRule username = user.columns().get(0);
    ColumnRule password =
        user.columns().stream().filter(r -> r.kind().equals("password")).findFirst().orElseThrow();
    assertEquals("admin", username.bind(KEYS, kept).apply("admin", row(source)));
    assertTrue(
        OpenBSDBCrypt.checkPassword(
            password.bind(KEYS, kept).apply(source.get("password"), row(source)),
            AnonymiseKeysTest.KEPT_PASSWORD.toCharArray()));
  }
}
