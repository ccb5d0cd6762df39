package org.moodlemigrate.anonymise;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces IP addresses with addresses from private ranges, derived from the HMAC of the original
 * (domain {@code ip}), so that the same address always gets the same replacement (a log still shows
 * which requests came from one place) but not where that place is.
 *
 * <ul>
 *   <li>IPv4 becomes {@code 10.x.y.z}, its three bytes from the HMAC;
 *   <li>IPv6 becomes an address in {@code fd00::/8} (unique local), its other 120 bits from the
 *       HMAC;
 *   <li>a value that holds several, as Moodle's IP restrictions do ({@code 192.168.1.0/24,
 *       10.1.2.3-9, 2001:db8::1}), has each address replaced and keeps the separators and the
 *       {@code /prefix} and {@code -range} suffixes; anything else in it (a host name, a partial
 *       address such as {@code 192.168.}) becomes a {@code 10.x.y.z} address of its own.
 * </ul>
 *
 * Replacements are at most as long as the column can hold for a single address (39 characters for
 * IPv6, Moodle's IP columns hold 45). The 24 bits of an IPv4 replacement make two addresses share
 * one sometimes; IP columns are not unique in Moodle.
 */
final class IpReplacement {
  static final String DOMAIN = "ip";

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})"
              + "([/-]\\d{1,3})?");
  private static final Pattern IPV6 =
      Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

  private IpReplacement() {}

  static String replace(AnonymiseKeys keys, String value) {
    StringBuilder out = new StringBuilder(value.length());
    Matcher separators = SEPARATORS.matcher(value);
    int start = 0;
    while (separators.find()) {
      appendToken(keys, value.substring(start, separators.start()), out);
      out.append(separators.group());
      start = separators.end();
    }
    appendToken(keys, value.substring(start), out);
    return out.toString();
  }

  private static void appendToken(AnonymiseKeys keys, String token, StringBuilder out) {
    if (token.isEmpty()) {
      return;
    }
    Matcher v4 = IPV4.matcher(token);
    if (v4.matches()) {
      out.append(ipv4(keys, v4.group(1)));
      if (v4.group(2) != null) {
        out.append(v4.group(2));
      }
      return;
    }
    Matcher v6 = IPV6.matcher(token);
    if (v6.matches()) {
      byte[] address = ipv6Bytes(v6.group(1));
      if (address != null) {
        out.append(ipv6(keys, v6.group(1)));
        if (v6.group(2) != null) {
          out.append(v6.group(2));
        }
        return;
      }
    }
    out.append(ipv4(keys, token));
  }

  private static String ipv4(AnonymiseKeys keys, String original) {
    byte[] h = keys.hmac(DOMAIN, original);
    return "10." + (h[0] & 0xff) + "." + (h[1] & 0xff) + "." + (h[2] & 0xff);
  }

  private static String ipv6(AnonymiseKeys keys, String original) {
    byte[] h = keys.hmac(DOMAIN, original.toLowerCase(java.util.Locale.ROOT));
    byte[] address = new byte[16];
    address[0] = (byte) 0xfd;
    System.arraycopy(h, 0, address, 1, 15);
    try {
      return ((Inet6Address) InetAddress.getByAddress(address)).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  /**
   * The address's bytes when the text is an IPv6 literal, else null. The text holds a colon, so
   * {@link InetAddress#getByName} parses it as a literal and never asks DNS.
   */
  private static byte[] ipv6Bytes(String text) {
    if (text.indexOf(':') < 0) {
      return null;
    }
    try {
      // an IPv4-mapped literal (::ffff:1.2.3.4) comes back as an Inet4Address; still IPv6 text
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
