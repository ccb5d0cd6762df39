package org.moodlemigrate.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox's own {@code siteidentifier}, derived from production's.
 *
 * <p>Moodle makes the identifier once, at install ({@code xmldb_main_install()} in {@code
 * lib/db/install.php}: {@code random_string(32).get_host_from_url($CFG->wwwroot)}), 32 letters and
 * digits followed by the site's host name, and uses it to tell sites apart: backup/restore decides
 * "same site" with it (a production backup restored into a sandbox that shares the identifier is
 * treated as coming from the same site, and links to users and files by id), the cache API keys its
 * definitions' site sharing with it, and the site registration and mobile app name the site by it.
 * A copy of production keeps production's, so the sandbox must get its own.
 *
 * <p>The new one is {@code HMAC-SHA256(secret, "siteidentifier\0" + production's)} as 32 lowercase
 * hex digits (a subset of {@code random_string}'s alphabet), followed by production's host suffix
 * (everything after its first 32 characters): the same shape as Moodle's, different from
 * production's, and the same on every refresh with the same secret, so that the sandbox does not
 * become a different site each night.
 */
final class SiteIdentifiers {

  private static final int RANDOM_PART = 32;

  private SiteIdentifiers() {}

  static String derive(byte[] secret, String production) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("a new site identifier needs a secret");
    }
    if (production == null || production.isEmpty()) {
      throw new IllegalArgumentException("a new site identifier needs the source's identifier");
    }
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac = hmac.doFinal(("siteidentifier\0" + production).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    String random = HexFormat.of().formatHex(mac, 0, RANDOM_PART / 2);
    String suffix = production.length() > RANDOM_PART ? production.substring(RANDOM_PART) : "";
    return random + suffix;
  }
}
