package io.flarewatch.demo.bench;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.config.PasswordHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Central's config for the fleet benchmark: every site of the fleet, an operations user who sees
 * them all, an ESG analyst limited to the report's sites (whose report without {@code site} then
 * covers exactly those), and an admin who builds the report data's daily rollups.
 */
final class FleetCentralConfig {

  static final String OPERATIONS = "ops";
  static final String ANALYST = "esg";
  static final String ADMIN = "admin";

  private FleetCentralConfig() {}

  /** Writes the config; returns the users' password. */
  static String write(Path file, int port, String influxUrl, String database, FleetOptions options)
      throws IOException {
    String password = UUID.randomUUID().toString();
    String hash = PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    StringBuilder yaml = new StringBuilder();
    yaml.append("http: {host: 127.0.0.1, port: ").append(port).append("}\n");
    yaml.append("influx: {url: \"")
        .append(influxUrl)
        .append("\", database: ")
        .append(database)
        .append("}\n");
    yaml.append("sites:\n");
    for (int site = 0; site < options.sites(); site++) {
      String id = FleetData.siteId(site);
      int poll =
          site < options.reportSites() ? options.reportIntervalSeconds() : options.cycleSeconds();
      yaml.append("  - {id: ")
          .append(id)
          .append(", ingestTokenSha256: \"")
          .append(SiteConfig.sha256Hex("token-" + id))
          .append("\", offlineAfterSeconds: ")
          .append(Math.max(60, 6 * options.cycleSeconds()))
          .append(", pollIntervalSeconds: ")
          .append(poll)
          .append("}\n");
    }
    yaml.append("auth:\n");
    yaml.append("  jwtSecret: \"")
        .append(UUID.randomUUID())
        .append(UUID.randomUUID())
        .append("\"\n");
    yaml.append("  users:\n");
    yaml.append("    - {name: ")
        .append(OPERATIONS)
        .append(", role: VIEWER, passwordHash: \"")
        .append(hash)
        .append("\"}\n");
    if (options.reportSites() > 0) {
      yaml.append("    - name: ").append(ANALYST).append("\n");
      yaml.append("      role: VIEWER\n");
      yaml.append("      passwordHash: \"").append(hash).append("\"\n");
      yaml.append("      sites:\n");
      for (int site = 0; site < options.reportSites(); site++) {
        yaml.append("        - ").append(FleetData.siteId(site)).append('\n');
      }
      // builds the daily rollups of the seeded report data (written without central's markers)
      yaml.append("    - {name: ")
          .append(ADMIN)
          .append(", role: ADMIN, passwordHash: \"")
          .append(hash)
          .append("\"}\n");
    }
    Files.writeString(file, yaml);
    return password;
  }
}
