package io.flarewatch.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dashboard's InfluxQL statement returns: the columns of its outer SELECT and the tag keys
 * it groups by. Enough of InfluxQL for the statements these dashboards hold; an item it cannot name
 * (an expression without {@code AS}) is reported, so every column a panel shows has a known name.
 */
record InfluxQlShape(List<Column> columns, List<String> groupByTags) {

  /** A column the statement returns: an exact name, or for {@code last(/re/)} a pattern. */
  record Column(String name, Pattern pattern) {

    boolean matches(String column) {
      return name != null ? name.equals(column) : pattern.matcher(column).matches();
    }

    @Override
    public String toString() {
      return name != null ? name : pattern.pattern();
    }
  }

  private static final Pattern ALIAS = Pattern.compile("(?is).*\\s+AS\\s+\"([^\"]+)\"\\s*$");
  private static final Pattern FIELD = Pattern.compile("^\"([^\"]+)\"$");
  private static final Pattern REGEX_CALL = Pattern.compile("^(\\w+)\\(/\\^?([^/]*)/\\)$");
  private static final Pattern TAG = Pattern.compile("^\"([^\"]+)\"$");

  /** The shape of one SELECT or SHOW TAG VALUES statement. */
  static InfluxQlShape of(String statement) {
    String s = statement.strip();
    if (s.toUpperCase(Locale.ROOT).startsWith("SHOW TAG VALUES")) {
      return new InfluxQlShape(List.of(exact("key"), exact("value")), List.of());
    }
    if (!s.toUpperCase(Locale.ROOT).startsWith("SELECT ")) {
      throw new IllegalArgumentException("not a SELECT or SHOW TAG VALUES statement: " + s);
    }
    int from = topLevel(s, " FROM ", 7);
    if (from < 0) {
      throw new IllegalArgumentException("no FROM in " + s);
    }
    List<Column> columns = new ArrayList<>();
    for (String item : splitTopLevel(s.substring(7, from))) {
      columns.add(column(item.strip(), s));
    }
    List<String> tags = new ArrayList<>();
    int groupBy = topLevel(s, " GROUP BY ", from);
    if (groupBy >= 0) {
      String rest = s.substring(groupBy + " GROUP BY ".length());
      Matcher end = Pattern.compile("(?i)\\s(fill\\(|ORDER |LIMIT |SLIMIT |tz\\()").matcher(rest);
      if (end.find()) {
        rest = rest.substring(0, end.start());
      }
      for (String item : splitTopLevel(rest)) {
        Matcher tag = TAG.matcher(item.strip());
        if (tag.matches()) {
          tags.add(tag.group(1));
        }
      }
    }
    return new InfluxQlShape(List.copyOf(columns), List.copyOf(tags));
  }

  private static Column column(String item, String statement) {
    Matcher alias = ALIAS.matcher(item);
    if (alias.matches()) {
      return exact(alias.group(1));
    }
    Matcher field = FIELD.matcher(item);
    if (field.matches()) {
      return exact(field.group(1));
    }
    Matcher regex = REGEX_CALL.matcher(item);
    if (regex.matches()) {
      return new Column(null, Pattern.compile(regex.group(1) + "_" + regex.group(2) + ".*"));
    }
    throw new IllegalArgumentException(
        "'" + item + "' has no column name: give it one with AS \"name\" in " + statement);
  }

  private static Column exact(String name) {
    return new Column(name, null);
  }

  /** Index of {@code word} outside parentheses and quotes, from {@code start}; -1 when absent. */
  private static int topLevel(String s, String word, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || (c == '/' && depth >= 0 && regexStart(s, i))) {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && s.regionMatches(true, i, word, 0, word.length())) {
        return i;
      }
    }
    return -1;
  }

  /** A '/' opens a regex after '(', '~' or a space, not as a division. */
  private static boolean regexStart(String s, int i) {
    int k = i - 1;
    while (k >= 0 && s.charAt(k) == ' ') {
      k--;
    }
    return k >= 0 && (s.charAt(k) == '(' || s.charAt(k) == '~');
  }

  private static List<String> splitTopLevel(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || (c == '/' && regexStart(list, i))) {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items;
  }
}
