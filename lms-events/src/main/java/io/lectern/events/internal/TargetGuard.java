package io.lectern.events.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses webhook targets that would let an admin (or a DNS record they control) make the server
 * call into its own network: loopback, link-local (cloud metadata), private, carrier-grade NAT,
 * unique-local IPv6, multicast and unspecified addresses. Checked when a subscription is saved and
 * again on the resolved addresses before every delivery, since DNS answers change.
 */
public final class TargetGuard {

  private TargetGuard() {}

  /** Why a URL is not acceptable as a target, or null when it is well formed. */
  public static String shapeProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "must be an http or https URL";
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return "must name a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment";
    }
    return null;
  }

  /** The host's addresses, or an exception when it does not resolve. */
  public static List<InetAddress> resolve(URI uri) throws UnknownHostException {
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return List.of(InetAddress.getAllByName(host));
  }

  /** The first refused address among them, or null when all may be called. */
  public static InetAddress firstRefused(List<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      if (refused(address)) {
        return address;
      }
    }
    return null;
  }

  static boolean refused(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()
        || a.isAnyLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
        return true;
      }
      boolean v4Mapped = true;
      for (int i = 0; i < 10; i++) {
        v4Mapped &= b[i] == 0;
      }
      if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return refused(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException impossible) {
          return true;
        }
      }
    }
    return false;
  }
}
