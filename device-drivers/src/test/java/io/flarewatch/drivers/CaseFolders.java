package io.flarewatch.drivers;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Data-driven test cases: one folder per case below a test resource directory. */
public final class CaseFolders {

  private CaseFolders() {}

  /** The test resource directory, e.g. {@code modbus-cases}. */
  public static Path root(String directory) {
    try {
      return Path.of(CaseFolders.class.getClassLoader().getResource(directory).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The case folders' names, sorted. */
  public static List<String> names(String directory) throws IOException {
    try (var dirs = Files.list(root(directory))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
