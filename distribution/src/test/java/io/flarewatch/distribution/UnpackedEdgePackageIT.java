package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's Debian package as built, read with {@code dpkg-deb} (no root, nothing installed): it
 * holds the edge's jars and none of central's, the simulator's or the benchmarks'; unpacked, its
 * launcher lists the commands it has, names the module of one it lacks, and runs the edge against a
 * simulated site and central until a cycle is stored.
 */
class UnpackedEdgePackageIT {

  private static final String LIB = "/usr/share/flarewatch/lib/";

  /** Jars of the full distribution that an edge box has no use for. */
  private static final List<String> NOT_THE_EDGES =
      List.of(
          "central-api-",
          "hazelcast-",
          "vertx-hazelcast-",
          "site-simulator-",
          "demo-",
          "influxdb-launcher-");

  /** Packages of those jars' classes, should any be repackaged into another jar. */
  private static final List<String> NOT_THE_EDGES_CLASSES =
      List.of(
          "io/flarewatch/central/",
          "io/flarewatch/simulator/",
          "io/flarewatch/demo/",
          "com/hazelcast/");

  /** What the edge cannot run without, whatever else its dependencies become. */
  private static final List<String> THE_EDGES =
      List.of(
          "launcher-",
          "edge-collector-",
          "config-yaml-",
          "wire-contract-",
          "device-drivers-",
          "emissions-methodology-",
          "web-app-",
          "vertx-core-",
          "sqlite-jdbc-",
          "j2mod-",
          "slf4j-simple-");

  @TempDir static Path unpacked;

  @BeforeAll
  static void unpack() throws IOException {
    EdgePackage.requireDpkg("read the edge's Debian package");
    Commands.ok("dpkg-deb", "-x", DistributionArtifactsIT.deb().toString(), unpacked.toString());
  }

  private static String launcher() {
    return unpacked.resolve("usr/share/flarewatch/bin/flarewatch").toString();
  }

  @Test
  void holdsTheEdgesRuntimeJarsAndNoneOfCentralsTheSimulatorsOrTheBenchmarks() throws IOException {
    Set<String> jars = new TreeSet<>();
    for (String line :
        Commands.ok("dpkg-deb", "-c", DistributionArtifactsIT.deb().toString()).lines().toList()) {
      String path = line.substring(line.indexOf(" ./") + 2);
      if (path.startsWith(LIB) && path.endsWith(".jar")) {
        jars.add(path.substring(LIB.length()));
      }
    }
    List<String> foreign =
        jars.stream().filter(jar -> NOT_THE_EDGES.stream().anyMatch(jar::startsWith)).toList();
    assertEquals(List.of(), foreign, "jars the edge does not need, in its package");
    for (String needed : THE_EDGES) {
      assertTrue(
          jars.stream().anyMatch(jar -> jar.startsWith(needed) && jar.endsWith(".jar")),
          needed + "*.jar in the package: " + jars);
    }
    assertEquals(
        DistributionArtifactsIT.jars(Path.of(System.getProperty("flarewatch.edge.lib"))),
        jars,
        "the package's jars are edge-runtime's runtime class path");
    Set<String> tarball =
        DistributionArtifactsIT.jars(DistributionArtifactsIT.distribution().resolve("lib"));
    assertTrue(
        tarball.containsAll(jars),
        "each of the package's jars is the tarball's, at the same version: "
            + jars.stream().filter(jar -> !tarball.contains(jar)).toList());
    assertEquals(List.of(), foreignClasses(jars), "classes the edge does not need");
  }

  /** Entries of the unpacked jars in the packages of central, the simulator, the benchmarks. */
  private static List<String> foreignClasses(Set<String> jars) throws IOException {
    List<String> foreign = new ArrayList<>();
    for (String jar : jars) {
      try (JarFile file = new JarFile(unpacked.resolve(LIB.substring(1) + jar).toFile())) {
        file.stream()
            .map(entry -> entry.getName())
            .filter(name -> NOT_THE_EDGES_CLASSES.stream().anyMatch(name::startsWith))
            .limit(3)
            .forEach(name -> foreign.add(jar + "!" + name));
      }
    }
    return foreign;
  }

  @Test
  void itsHelpListsTheCommandsItHasAndNamesTheOthers() {
    String usage = Commands.ok(launcher(), "--help");
    List<String> listed =
        usage
            .lines()
            .filter(line -> line.startsWith("  flarewatch "))
            .map(line -> line.substring("  flarewatch ".length()).split(" ")[0])
            .toList();
    assertEquals(List.of("edge", "emissions", "password-hash", "test"), listed, usage);
    assertTrue(
        usage.contains(
            "This package (flarewatch-edge) has these commands only; the full distribution"
                + " (flarewatch-"
                + Repository.version()
                + ".tar.gz) also has: central, simulator, demo, verify-report, bench."),
        usage);
    for (String command : listed) {
      assertTrue(Commands.ok(launcher(), command, "--help").contains(command), command + " --help");
    }
  }

  @Test
  void aCommandItLacksNamesItsModuleAndExitsTwo() {
    Commands central = Commands.run(launcher(), "central", "--config", "central.yaml");
    assertEquals(2, central.exitCode(), central.output());
    assertEquals(
        "flarewatch central is not part of this package (flarewatch-edge): its module central-api"
            + " is not installed; install the full distribution (flarewatch-"
            + Repository.version()
            + ".tar.gz) to run it.",
        central.output().strip());
    Commands bench = Commands.run(launcher(), "bench", "polling");
    assertEquals(2, bench.exitCode(), bench.output());
    assertTrue(bench.output().contains("its module demo is not installed"), bench.output());
  }

  @Test
  void itsEdgeStoresACycleThroughCentral() throws Exception {
    Path log = DistributionArtifactsIT.target().resolve("unpacked-edge.log");
    Path buffer = Files.createDirectories(unpacked.resolve("state")).resolve("edge-buffer.db");
    Process edge = null;
    try (SiteForOneCycle site = SiteForOneCycle.start()) {
      try {
        Path config = unpacked.resolve("etc/flarewatch/edge.yaml");
        Files.writeString(
            config,
            site.edgeConfig(
                Files.readString(config),
                tree -> tree.withObjectProperty("buffer").put("path", buffer.toString())));
        edge =
            new ProcessBuilder(launcher(), "edge", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        site.awaitCycle(edge, log);
        assertTrue(Files.size(buffer) > 0, "the buffer is where the config says");
      } finally {
        SiteForOneCycle.stop(edge);
      }
    }
  }
}
