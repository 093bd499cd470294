package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.launcher.Subcommands;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images' Dockerfiles agree with the distribution, the configs and what the code serves. */
class DockerfilesTest {

  static final String CENTRAL = "deploy/docker/central.Dockerfile";
  static final String EDGE = "deploy/docker/edge.Dockerfile";

  /** Where the images unpack the tarball, through the symbolic link they make. */
  static final String APP_HOME = "/opt/flarewatch";

  private static final Pattern HEALTH_URL =
      Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/[^\\s|]*)");
  private static final Pattern UID = Pattern.compile("useradd [^&]*--uid (\\d+)");

  @Test
  void bothImagesRunTheDistributionOnASmallJreAsTheirOwnUser() {
    for (String file : List.of(CENTRAL, EDGE)) {
      Dockerfile docker = Dockerfile.parse(Repository.read(file));
      assertEquals("eclipse-temurin:17-jre", docker.last("FROM").orElseThrow(), file);
      assertEquals(Repository.version(), docker.argDefault("VERSION").orElseThrow(), file);
      assertEquals(
          "distribution/target/flarewatch-${VERSION}.tar.gz /opt/",
          docker.last("ADD").orElseThrow(),
          file + ": the tarball the build makes, unpacked by ADD");
      assertTrue(
          docker.all("RUN").contains("ln -s /opt/flarewatch-${VERSION} " + APP_HOME),
          file + ": " + APP_HOME + " leads to the unpacked tarball");
      assertEquals(
          List.of(APP_HOME + "/bin/flarewatch"),
          Dockerfile.execForm(docker.last("ENTRYPOINT").orElseThrow()),
          file + ": the launcher the tarball has in bin/");
      String user = docker.last("USER").orElseThrow();
      assertNotEquals("root", user, file);
      assertNotEquals("0", user, file);
      Pattern useradd = Pattern.compile("useradd [^&]* " + Pattern.quote(user) + "(\\s|$)");
      assertTrue(
          docker.all("RUN").stream().anyMatch(run -> useradd.matcher(run).find()),
          file + ": USER " + user + " is made by useradd");
      assertTrue(uid(docker) > 0, file);
    }
  }

  @Test
  void theLauncherIsWhereTheEntrypointLooks() {
    String assembly = Repository.read("distribution/src/assembly/distribution.xml");
    assertTrue(
        assembly.contains(
            "<source>src/bin/flarewatch</source>\n      <outputDirectory>bin</outputDirectory>"),
        "the tarball has the launcher in bin/");
  }

  @Test
  void centralsImageRunsCentralAndChecksItsRealHealthRoute() throws Exception {
    Dockerfile docker = Dockerfile.parse(Repository.read(CENTRAL));
    List<String> command = Dockerfile.execForm(docker.last("CMD").orElseThrow());
    assertEquals(List.of("central", "--config", "/etc/flarewatch/central.yaml"), command);
    assertTrue(Subcommands.names().contains(command.get(0)));

    int port = DeployConfigs.central(Repository.read(DeployConfigs.COMPOSE_CENTRAL)).http().port();
    assertEquals(String.valueOf(port), docker.last("EXPOSE").orElseThrow());
    Matcher health = healthUrl(docker);
    assertEquals(port, Integer.parseInt(health.group(1)), "the health check asks central's port");
    String path = health.group(2);
    assertEquals("/health", path);
    Map<String, Integer> served =
        ServedPaths.central(
            DeployConfigs.centralForTest(Repository.read(DeployConfigs.COMPOSE_CENTRAL)),
            List.of(path));
    // InfluxDB is out of reach in this test: the health route says so with a 503
    assertEquals(503, served.get(path), path + " is central's health route");
  }

  @Test
  void edgesImageRunsTheEdgeAndChecksItsMetricsServer(@TempDir Path folder) throws Exception {
    Dockerfile docker = Dockerfile.parse(Repository.read(EDGE));
    List<String> command = Dockerfile.execForm(docker.last("CMD").orElseThrow());
    assertEquals(List.of("edge", "--config", "/etc/flarewatch/edge.yaml"), command);
    assertTrue(Subcommands.names().contains(command.get(0)));

    String yaml = Repository.read(DeployConfigs.COMPOSE_EDGE);
    int port = DeployConfigs.edge(yaml).metrics().port();
    assertEquals(String.valueOf(port), docker.last("EXPOSE").orElseThrow());
    assertEquals(
        "/var/lib/flarewatch",
        docker.last("VOLUME").orElseThrow(),
        "the buffer's folder is a volume");
    assertTrue(
        DeployConfigs.edge(yaml).buffer().path().startsWith(Path.of("/var/lib/flarewatch")),
        "the compose edge config keeps its buffer in the volume");
    Matcher health = healthUrl(docker);
    assertEquals(port, Integer.parseInt(health.group(1)), "the health check asks the edge's port");
    String path = health.group(2);
    Map<String, Integer> served =
        ServedPaths.edge(DeployConfigs.edgeForTest(yaml, folder), List.of(path));
    assertEquals(200, served.get(path), path + " is the edge's metrics page");
  }

  @Test
  void bothImagesUseOneUserId() {
    assertEquals(
        uid(Dockerfile.parse(Repository.read(CENTRAL))),
        uid(Dockerfile.parse(Repository.read(EDGE))));
  }

  /** The user id the image's useradd gives its user (Kubernetes' runAsUser must match it). */
  static int uid(Dockerfile docker) {
    for (String run : docker.all("RUN")) {
      Matcher uid = UID.matcher(run);
      if (uid.find()) {
        return Integer.parseInt(uid.group(1));
      }
    }
    throw new AssertionError("no useradd --uid in the image");
  }

  private static Matcher healthUrl(Dockerfile docker) {
    String check = docker.last("HEALTHCHECK").orElseThrow();
    assertTrue(check.contains(" CMD curl "), "the health check runs curl: " + check);
    assertTrue(
        docker.all("RUN").stream().anyMatch(run -> run.matches(".*apt-get install[^&]* curl.*")),
        "the image installs curl for its health check");
    Matcher url = HEALTH_URL.matcher(check);
    assertTrue(url.find(), "the health check asks a local URL: " + check);
    return url;
  }
}
