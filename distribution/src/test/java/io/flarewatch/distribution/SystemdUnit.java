package io.flarewatch.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file as its settings per section ({@code Service.User}), comments dropped. */
record SystemdUnit(Map<String, List<String>> settings) {

  static SystemdUnit parse(String text) {
    Map<String, List<String>> settings = new LinkedHashMap<>();
    String section = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        continue;
      }
      int equals = line.indexOf('=');
      if (section == null || equals < 0) {
        throw new AssertionError("not a unit file setting: " + line);
      }
      settings
          .computeIfAbsent(section + "." + line.substring(0, equals), k -> new ArrayList<>())
          .add(line.substring(equals + 1));
    }
    return new SystemdUnit(settings);
  }

  /** The one value of a setting. */
  String get(String key) {
    List<String> values = settings.get(key);
    if (values == null || values.size() != 1) {
      throw new AssertionError(key + " is set " + (values == null ? 0 : values.size()) + " times");
    }
    return values.get(0);
  }

  /** The service's command line, as words (no quoting in this unit). */
  List<String> execStart() {
    return List.of(get("Service.ExecStart").split(" +"));
  }
}
