package io.flarewatch.central.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** Names parameter sets P1, P2, ... in order of first appearance, and remembers their sites. */
final class ParameterSetLabels {

  private final Map<SortedMap<String, String>, String> labels = new LinkedHashMap<>();
  private final Map<String, TreeSet<String>> sites = new LinkedHashMap<>();

  String label(SortedMap<String, String> parameters, String site) {
    String label = labels.computeIfAbsent(parameters, p -> "P" + (labels.size() + 1));
    sites.computeIfAbsent(label, l -> new TreeSet<>()).add(site);
    return label;
  }

  Map<String, ReportContent.ParameterSet> sets() {
    Map<String, ReportContent.ParameterSet> sets = new LinkedHashMap<>();
    labels.forEach(
        (parameters, label) ->
            sets.put(
                label,
                new ReportContent.ParameterSet(new ArrayList<>(sites.get(label)), parameters)));
    return sets;
  }
}
