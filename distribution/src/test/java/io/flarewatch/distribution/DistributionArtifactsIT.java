package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.launcher.Subcommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the build made: the tarball, its launcher, and the edge's Debian package's contents. */
class DistributionArtifactsIT {

  static Path target() {
    return Path.of("target").toAbsolutePath();
  }

  static Path distribution() {
    return Path.of(System.getProperty("flarewatch.distribution"));
  }

  static Path deb() throws IOException {
    try (Stream<Path> files = Files.list(target())) {
      List<Path> debs =
          files
              .filter(p -> p.getFileName().toString().matches("flarewatch-edge_.*_all\\.deb"))
              .toList();
      assertEquals(1, debs.size(), "one edge package in target/: " + debs);
      return debs.get(0);
    }
  }

  static Set<String> jars(Path lib) throws IOException {
    try (Stream<Path> files = Files.list(lib)) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void theTarballHoldsLauncherJarsConfigExamplesAndReadme() throws IOException {
    String top = "flarewatch-" + Repository.version() + "/";
    Path tarball = target().resolve("flarewatch-" + Repository.version() + ".tar.gz");
    assertTrue(Files.isRegularFile(tarball), tarball + " is built");
    List<String> listing = Commands.ok("tar", "-tzvf", tarball.toString()).lines().toList();
    Set<String> names = new TreeSet<>();
    for (String line : listing) {
      String[] fields = line.split("\\s+");
      names.add(fields[fields.length - 1]);
      if (line.endsWith(" " + top + "bin/flarewatch")) {
        assertTrue(fields[0].startsWith("-rwxr-xr-x"), "the launcher is executable: " + line);
      }
    }
    for (String file :
        List.of(
            "bin/flarewatch",
            "config/central.example.yaml",
            "config/edge.example.yaml",
            "systemd/flarewatch-edge.service",
            "README.md",
            "LICENSE")) {
      assertTrue(names.contains(top + file), file + " in " + names);
    }
    Set<String> jars =
        names.stream()
            .filter(n -> n.startsWith(top + "lib/") && n.endsWith(".jar"))
            .map(n -> n.substring((top + "lib/").length()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(jars(distribution().resolve("lib")), jars);
    assertTrue(jars.contains("launcher-" + Repository.version() + ".jar"), "the entry point's jar");
    assertTrue(jars.contains("central-api-" + Repository.version() + ".jar"), "central's jar");
    assertTrue(jars.stream().noneMatch(j -> j.startsWith("junit")), "no test libraries: " + jars);
  }

  @Test
  void theUnpackedLauncherRunsEveryCommandsHelp() {
    String launcher = distribution().resolve("bin/flarewatch").toString();
    String usage = Commands.ok(launcher, "--help");
    for (String command : Subcommands.names()) {
      assertTrue(usage.contains("flarewatch " + command), command + " in\n" + usage);
      String help = Commands.ok(launcher, command, "--help");
      assertTrue(help.contains(command), command + " --help:\n" + help);
    }
    Commands unknown = Commands.run(launcher, "no-such-command");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.output().contains("unknown command 'no-such-command'"));
  }

  @Test
  void theImagesAddTheTarballTheBuildMakes() {
    for (String file : List.of(DockerfilesTest.CENTRAL, DockerfilesTest.EDGE)) {
      Dockerfile docker = Dockerfile.parse(Repository.read(file));
      String source =
          docker
              .last("ADD")
              .orElseThrow()
              .split(" ")[0]
              .replace("${VERSION}", Repository.version());
      assertTrue(Files.isRegularFile(Repository.ROOT.resolve(source)), file + " adds " + source);
    }
  }

  @Test
  void theEdgePackageInstallsTheUnitsLauncherConfigAndJars() throws IOException {
    EdgePackage.requireDpkg("read the edge's Debian package");
    Path deb = deb();
    String fields = Commands.ok("dpkg-deb", "-f", deb.toString(), "Package", "Depends");
    assertTrue(fields.contains("Package: flarewatch-edge"), fields);
    assertTrue(fields.contains("java17-runtime-headless"), "depends on a Java 17 runtime");
    assertTrue(fields.contains("adduser"), "postinst uses adduser");
    assertEquals(
        EdgeUnitTest.CONFIG, Commands.ok("dpkg-deb", "-I", deb.toString(), "conffiles").strip());

    Set<String> paths = new TreeSet<>();
    for (String line : Commands.ok("dpkg-deb", "-c", deb.toString()).lines().toList()) {
      String entry = line.substring(line.indexOf(" ./") + 2);
      paths.add(entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry);
    }
    SystemdUnit unit = SystemdUnit.parse(Repository.read(EdgeUnitTest.UNIT));
    for (String path :
        List.of(
            unit.execStart().get(0),
            EdgeUnitTest.CONFIG,
            "/lib/systemd/system/flarewatch-edge.service",
            unit.get("Service.ReadWritePaths"),
            "/usr/bin/flarewatch -> " + unit.execStart().get(0))) {
      assertTrue(paths.contains(path), path + " in the package:\n" + paths);
    }
    assertTrue(
        paths.stream().anyMatch(p -> p.startsWith("/usr/share/flarewatch/lib/edge-collector-")),
        "the edge's jars (UnpackedEdgePackageIT checks which)");
    String packageFile = "/usr/share/flarewatch/package";
    assertTrue(paths.contains(packageFile), "the package names itself to the launcher");
    assertTrue(
        fields.contains("Package: " + Repository.read("distribution/src/deb/package").strip()),
        "the name the launcher reads is the package's: " + fields);
  }
}
