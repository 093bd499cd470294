package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Central's whole configuration, validated when it is built. */
public record CentralConfig(
    @JsonProperty("http") HttpConfig http,
    @JsonProperty("influx") InfluxConfig influx,
    @JsonProperty("sites") List<SiteConfig> sites,
    @JsonProperty("auth") AuthConfig auth,
    @JsonProperty("reports") ReportsConfig reports,
    @JsonProperty("ingest") IngestConfig ingest,
    @JsonProperty("commands") CommandsConfig commands,
    @JsonProperty("cluster") ClusterConfig cluster) {

  public CentralConfig {
    http = http == null ? HttpConfig.defaults() : http;
    ingest = ingest == null ? IngestConfig.defaults() : ingest;
    if (influx == null) {
      throw new ConfigException("influx", "is required (url and database)");
    }
    sites = sites == null ? List.of() : List.copyOf(sites);
    Set<String> ids = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < sites.size(); i++) {
      SiteConfig site = sites.get(i);
      if (site == null) {
        throw new ConfigException("sites[" + i + "]", "is empty");
      }
      if (!ids.add(site.id())) {
        throw new ConfigException("sites[" + i + "].id", "'" + site.id() + "' is listed twice");
      }
      if (!tokens.add(site.ingestTokenSha256())) {
        throw new ConfigException(
            "sites[" + site.id() + "].ingestTokenSha256",
            "is another site's too: each site needs a token of its own");
      }
    }
    if (auth == null) {
      throw new ConfigException(
          "auth", "is required: jwtSecret and users (see config/central.example.yaml)");
    }
    for (UserConfig user : auth.users()) {
      List<String> userSites = user.sites() == null ? List.of() : user.sites();
      for (int i = 0; i < userSites.size(); i++) {
        if (!ids.contains(userSites.get(i))) {
          throw new ConfigException(
              "auth.users[" + user.name() + "].sites[" + i + "]",
              "'" + userSites.get(i) + "' is not a configured site");
        }
      }
    }
    reports = reports == null ? ReportsConfig.defaults() : reports;
    commands = commands == null ? CommandsConfig.defaults() : commands;
    if (commands.pingSeconds() == null) {
      commands =
          commands.withPingSeconds(
              Math.min(
                  CommandsConfig.DEFAULT_PING_SECONDS, Math.max(1, http.idleTimeoutSeconds() / 2)));
    } else if (commands.pingSeconds() >= http.idleTimeoutSeconds()) {
      throw new ConfigException(
          "commands.pingSeconds",
          commands.pingSeconds()
              + " is not less than http.idleTimeoutSeconds ("
              + http.idleTimeoutSeconds()
              + "): the command stream would be closed as idle between pings");
    }
    cluster = cluster == null ? ClusterConfig.disabled() : cluster;
    if (cluster.enabled() && commands.signingKeyFile() == null) {
      throw new ConfigException(
          "commands.signingKeyFile",
          "is required when cluster.enabled: every replica must sign commands with the one key"
              + " the edges hold");
    }
    if (cluster.enabled() && reports.signingKeyFile() == null) {
      throw new ConfigException(
          "reports.signingKeyFile",
          "is required when cluster.enabled: every replica must sign reports with the one key");
    }
  }

  /** Not clustered. */
  public CentralConfig(
      HttpConfig http,
      InfluxConfig influx,
      List<SiteConfig> sites,
      AuthConfig auth,
      ReportsConfig reports,
      IngestConfig ingest,
      CommandsConfig commands) {
    this(http, influx, sites, auth, reports, ingest, commands, null);
  }

  /** Commands at their defaults. */
  public CentralConfig(
      HttpConfig http,
      InfluxConfig influx,
      List<SiteConfig> sites,
      AuthConfig auth,
      ReportsConfig reports,
      IngestConfig ingest) {
    this(http, influx, sites, auth, reports, ingest, null, null);
  }

  /** Ingest limits at their defaults. */
  public CentralConfig(
      HttpConfig http,
      InfluxConfig influx,
      List<SiteConfig> sites,
      AuthConfig auth,
      ReportsConfig reports) {
    this(http, influx, sites, auth, reports, null, null, null);
  }

  /** A central whose reports are signed with a key made for each run; ingest limits at defaults. */
  public CentralConfig(
      HttpConfig http, InfluxConfig influx, List<SiteConfig> sites, AuthConfig auth) {
    this(http, influx, sites, auth, null, null, null, null);
  }

  /** A central no user can log in to: only ingest and {@code /health} serve anyone. */
  public CentralConfig(HttpConfig http, InfluxConfig influx, List<SiteConfig> sites) {
    this(http, influx, sites, AuthConfig.noUsers());
  }

  public Optional<SiteConfig> site(String id) {
    return sites.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
