package io.flarewatch.central.operations;

import java.util.HashMap;
import java.util.Map;

/** Reads the sample lines of the Prometheus text format, for tests. */
public final class PrometheusSamples {

  private PrometheusSamples() {}

  /** Every sample line: "name{labels}" → value. */
  public static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }
}
