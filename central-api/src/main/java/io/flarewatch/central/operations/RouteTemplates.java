package io.flarewatch.central.operations;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a request path to the template of the route serving it ({@code /api/v1/sites/{site}}), so
 * metrics are labelled per route rather than per site or per whatever a client sends. Paths no
 * route serves share the label {@value #UNMATCHED}.
 */
final class RouteTemplates {

  static final String UNMATCHED = "unmatched";

  private final List<String[]> templates;

  private RouteTemplates(List<String[]> templates) {
    this.templates = templates;
  }

  /** The templates of the router's routes that have a path and methods (not its middleware). */
  static RouteTemplates of(Router router) {
    List<String[]> templates = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path != null && route.methods() != null && !route.methods().isEmpty()) {
        templates.add(segments(path));
      }
    }
    return new RouteTemplates(templates);
  }

  /**
   * The template matching {@code path}, path parameters written {@code {name}}; when several match,
   * the one with the most literal segments.
   */
  String match(String path) {
    if (path == null) {
      return UNMATCHED;
    }
    String[] actual = segments(path);
    String[] best = null;
    int bestLiterals = -1;
    for (String[] template : templates) {
      int literals = literalMatches(template, actual);
      if (literals > bestLiterals) {
        best = template;
        bestLiterals = literals;
      }
    }
    return best == null ? UNMATCHED : render(best);
  }

  /** Literal segments matched, or -1 when the template does not match. */
  private static int literalMatches(String[] template, String[] actual) {
    if (template.length != actual.length) {
      return -1;
    }
    int literals = 0;
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith(":")) {
        if (actual[i].isEmpty()) {
          return -1;
        }
      } else if (template[i].equals(actual[i])) {
        literals++;
      } else {
        return -1;
      }
    }
    return literals;
  }

  private static String[] segments(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.split("/", -1);
  }

  private static String render(String[] template) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      String segment = template[i];
      out.append(segment.startsWith(":") ? "{" + segment.substring(1) + "}" : segment);
    }
    return out.toString();
  }
}
