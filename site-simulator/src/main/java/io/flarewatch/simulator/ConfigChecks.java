package io.flarewatch.simulator;

import io.flarewatch.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks shared by the simulator's config sections; each failure names the key. */
final class ConfigChecks {

  private ConfigChecks() {}

  static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }

  static void positive(double value, String key) {
    require(value > 0 && Double.isFinite(value), key, "must be > 0, got " + value);
  }

  static void nonNegative(double value, String key) {
    require(value >= 0 && Double.isFinite(value), key, "must be >= 0, got " + value);
  }

  static void between(double value, double min, double max, String key) {
    require(
        value >= min && value <= max,
        key,
        "must be between " + plain(min) + " and " + plain(max) + ", got " + value);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  static void port(int port, String key) {
    require(port >= 0 && port <= 65535, key, "must be between 0 and 65535, got " + port);
  }

  /** The address, which must be an IPv4 loopback address. */
  static InetAddress loopback(String host, String key) {
    require(host != null && !host.isBlank(), key, "is missing");
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException(key, "is not an address: " + host);
    }
    require(
        address.getAddress().length == 4 && address.isLoopbackAddress(),
        key,
        "must be an IPv4 loopback address (127.0.0.0/8), got " + host);
    return address;
  }

  /** An IPv4 address as an unsigned 32-bit number. */
  static long toLong(InetAddress address) {
    byte[] b = address.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
  }
}
