package io.flarewatch.drivers.miner.control;

/**
 * Secrets some firmware needs for writes. Never printed.
 *
 * @param webUser stock Antminer web interface user (HTTP digest), e.g. {@code root}
 * @param webPassword stock Antminer web interface password
 * @param whatsminerAdminPassword Whatsminer API v2 admin password (the AES key is derived from it)
 * @param webPort the port of the stock Antminer web interface (80 in the field)
 */
public record MinerCredentials(
    String webUser, String webPassword, String whatsminerAdminPassword, int webPort) {

  /** Factory defaults of the firmware: root/root, admin, port 80. */
  public static MinerCredentials factoryDefaults() {
    return new MinerCredentials("root", "root", "admin", 80);
  }

  @Override
  public String toString() {
    return "MinerCredentials[webUser=" + webUser + ", webPort=" + webPort + ", secrets hidden]";
  }
}
