package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpReplacementTest {
  private final AnonymiseKeys keys = AnonymiseKeysTest.keys();

  private String replace(String value) {
    return IpReplacement.replace(keys, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "10.1.2.3"})
  void ipv4BecomesATenAddressAndTheSameOneEachTime(String ip) {
    String r = replace(ip);
    assertTrue(r.matches("10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"), r);
    for (String part : r.split("\\.")) {
      assertTrue(Integer.parseInt(part) <= 255, r);
    }
    assertEquals(r, IpReplacement.replace(AnonymiseKeysTest.keys(), ip));
    assertNotEquals(ip, r);
  }

  @Test
  void differentAddressesMostlyGetDifferentReplacements() {
    assertNotEquals(replace("203.0.113.7"), replace("203.0.113.8"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2001:db8::1", "::1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:7f00:1"})
  void ipv6BecomesAUniqueLocalAddress(String ip) throws Exception {
    String r = replace(ip);
    InetAddress parsed = InetAddress.getByName(r);
    assertTrue(parsed instanceof Inet6Address, r);
    assertEquals((byte) 0xfd, parsed.getAddress()[0], r);
    assertTrue(r.length() <= 39, r);
    assertEquals(r, replace(ip));
  }

  @Test
  void theSameIpv6AddressWrittenInCapitalsGetsTheSameReplacement() {
    assertEquals(replace("2001:db8::a"), replace("2001:DB8::A"));
  }

  @Test
  void listsHaveEachPartReplacedAndKeepSeparatorsAndSuffixes() {
    String r = replace("192.168.1.0/24, 198.51.100.5-9 2001:db8::/32;203.0.113.1");
    assertTrue(
        r.matches("10(\\.\\d{1,3}){3}/24, 10(\\.\\d{1,3}){3}-9 fd[0-9a-f:]+/32;10(\\.\\d{1,3}){3}"),
        r);
    assertFalse(r.contains("192.168") || r.contains("198.51") || r.contains("2001:db8"), r);
    assertEquals(replace("203.0.113.1"), r.substring(r.lastIndexOf(';') + 1));
  }

  @Test
  void hostNamesAndPartialAddressesBecomeAddressesOfTheirOwn() {
    String host = replace("proxy.example.org");
    assertTrue(host.matches("10(\\.\\d{1,3}){3}"), host);
    String partial = replace("192.168.");
    assertTrue(partial.matches("10(\\.\\d{1,3}){3}"), partial);
    assertNotEquals(host, partial);
    // not a valid IPv6 address: hex and colons but too many groups
    assertTrue(replace("1:2:3:4:5:6:7:8:9").matches("10(\\.\\d{1,3}){3}"));
  }
}
