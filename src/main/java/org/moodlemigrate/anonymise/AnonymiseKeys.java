package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.moodlemigrate.connect.Secret;

/**
 * The secrets of an anonymised copy: the pseudonym secret (the HMAC key every pseudonym, IP
 * address, password salt and shuffle order is derived from) and, optionally, the password the kept
 * accounts get.
 *
 * <p>The same secret gives the same pseudonyms in every table and on every refresh, so joins still
 * match and a refresh is repeatable; without the secret a pseudonym cannot be traced back to the
 * value it replaced, even by someone who can guess the values (a list of likely usernames), because
 * HMAC without its key is not something one can compute. The secret should therefore be long and
 * random (32 bytes from a password generator) and kept like a password.
 *
 * <p>{@link Serializable} because the bound value rules travel to Beam's workers with it; both
 * secrets are {@link Secret}s, so the serialised form holds where a worker finds them (the
 * environment variable or file they came from), never their values. {@link
 * #toString()} never shows the content, so the keys may appear in a log line or a debugger without
 * leaking.
 */
public final class AnonymiseKeys implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ALGORITHM = "HmacSHA256";

  /** bcrypt reads at most 72 bytes of a password; longer ones would be silently cut. */
  static final int BCRYPT_MAX_BYTES = 72;

  /** The pseudonym secret: UTF-8 text, or bytes kept as their ISO-8859-1 text. */
  private final Secret secret;

  private final boolean secretIsBytes;

  /** The kept accounts' password, or null to leave theirs as it is. */
  private final Secret keptPassword;

  private transient volatile ThreadLocal<Mac> macs;

  private AnonymiseKeys(Secret secret, boolean secretIsBytes, Secret keptPassword) {
    this.secret = secret;
    this.secretIsBytes = secretIsBytes;
    this.keptPassword = keptPassword;
  }

  /**
   * @param secret the pseudonym secret; copied, not empty
   * @param keptPassword the password kept accounts get, or null to leave their password as it is;
   *     copied, not empty, at most 72 bytes in UTF-8 (bcrypt's limit)
   */
  public static AnonymiseKeys of(byte[] secret, char[] keptPassword) {
    check(secret, keptPassword);
    return new AnonymiseKeys(
        Secret.of(new String(secret, StandardCharsets.ISO_8859_1)),
        true,
        keptPassword == null ? null : Secret.of(new String(keptPassword)));
  }

  /**
   * The keys as the operator gave them: the pseudonym secret as text (its UTF-8 bytes are the key)
   * and the kept password, empty for none. Kept as the {@link Secret}s themselves, so that the keys
   * travel to Beam's workers as the secrets do: as where to find them, never as their values.
   */
  public static AnonymiseKeys fromSecrets(Secret secret, Secret keptPassword) {
    check(
        secret.reveal().getBytes(StandardCharsets.UTF_8),
        keptPassword.isEmpty() ? null : keptPassword.reveal().toCharArray());
    return new AnonymiseKeys(secret, false, keptPassword.isEmpty() ? null : keptPassword);
  }

  private static void check(byte[] secret, char[] keptPassword) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("the pseudonym secret is empty");
    }
    if (keptPassword != null) {
      if (keptPassword.length == 0) {
        throw new IllegalArgumentException("the kept accounts' password is empty");
      }
      if (utf8Length(keptPassword) > BCRYPT_MAX_BYTES) {
        throw new IllegalArgumentException(
            "the kept accounts' password is longer than bcrypt's "
                + BCRYPT_MAX_BYTES
                + " bytes; Moodle would only check its beginning");
      }
    }
  }

  /**
   * The pseudonym of {@code value} in {@code domain}: the first 10 bytes of HMAC-SHA256(secret,
   * domain + "\0" + value) in lower-case base32 without padding, 16 characters of {@code a-z2-7}.
   * 80 bits: a million distinct values collide with a probability below 10^-12.
   */
  public String pseudonym(String domain, String value) {
    return Base32.lower(Arrays.copyOf(hmac(domain, value), 10));
  }

  /** HMAC-SHA256 keyed by the secret over the parts joined by NUL characters, in UTF-8. */
  public byte[] hmac(String... parts) {
    Mac mac = mac();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        mac.update((byte) 0);
      }
      mac.update(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return mac.doFinal();
  }

  /** Whether a kept password was configured. */
  boolean hasKeptPassword() {
    return keptPassword != null;
  }

  /** A copy of the kept password (the caller wipes it), or null when none was configured. */
  char[] keptPassword() {
    return keptPassword == null ? null : keptPassword.reveal().toCharArray();
  }

  private Mac mac() {
    if (macs == null) {
      synchronized (this) {
        if (macs == null) {
          macs = ThreadLocal.withInitial(this::newMac);
        }
      }
    }
    return macs.get();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      byte[] key =
          secret
              .reveal()
              .getBytes(secretIsBytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no " + ALGORITHM, e);
    }
  }

  private static int utf8Length(char[] chars) {
    return StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars)).remaining();
  }

  @Override
  public String toString() {
    return "AnonymiseKeys[secret=****, keptPassword="
        + (keptPassword == null ? "(none)" : "****")
        + "]";
  }
}
