package io.flarewatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets Jackson read on past a bad setting, noting it: an unknown key is skipped, a value of the
 * wrong type or shape becomes null, a section whose record refused its values becomes null. So one
 * reading finds every bad setting. A problem that only follows from an earlier one (a section left
 * null now "is required") is not noted twice.
 */
final class ProblemCollector extends DeserializationProblemHandler {

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> failed = new HashSet<>();

  List<ConfigProblem> problems() {
    return problems;
  }

  void add(ConfigProblem problem) {
    if (!failed.contains(problem.key())) {
      problems.add(problem);
    }
  }

  private void addAll(String location, List<ConfigProblem> found) {
    found.forEach(this::add);
    failed.add(location);
    found.forEach(p -> failed.add(p.key()));
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    // the parser stands on the unknown key's value
    String key = here(p);
    addAll(key, List.of(new ConfigProblem(key, unknownKey(deserializer.getKnownPropertyNames()))));
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
    return badValue(ctxt.getParser(), targetType, value);
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
    return badValue(ctxt.getParser(), targetType, value);
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt,
      JavaType targetType,
      JsonToken t,
      JsonParser p,
      String failureMsg)
      throws IOException {
    if (targetType.isPrimitive() || t == null) {
      return NOT_HANDLED;
    }
    String key = here(p);
    p.skipChildren();
    addAll(key, List.of(new ConfigProblem(key, wrongShape(targetType.getRawClass()))));
    return null;
  }

  @Override
  public Object handleInstantiationProblem(
      DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t) {
    // the record's object has just been closed: the parser stands where the record is
    String location = ConfigKey.of(ctxt.getParser().getParsingContext());
    if (t.getCause() instanceof ConfigException e) {
      List<ConfigProblem> found =
          e.problemsAt(location).stream()
              .map(p -> new ConfigProblem(ConfigKey.shown(p.key()), p.problem()))
              .toList();
      addAll(ConfigKey.shown(location), found);
      return null;
    }
    // a record failing on values an earlier problem left null: that problem is the one to fix
    return problems.isEmpty() ? NOT_HANDLED : null;
  }

  /** A value that is not a {@code type}: noted, and null in its place (not for primitives). */
  private Object badValue(JsonParser p, Class<?> type, Object value) {
    if (type.isPrimitive()) {
      return NOT_HANDLED;
    }
    String key = here(p);
    addAll(key, List.of(new ConfigProblem(key, badValue(value, type))));
    return null;
  }

  /** The key of the value the parser stands on (a scalar, or the start of an object or list). */
  private static String here(JsonParser p) {
    return ConfigKey.shown(ConfigKey.of(p.getParsingContext()));
  }

  static String unknownKey(Collection<Object> knownKeys) {
    return "is not a known key (known keys: "
        + knownKeys.stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
        + ")";
  }

  static String badValue(Object value, Class<?> type) {
    return type.isEnum()
        ? "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants())
        : "'" + value + "' is not a valid " + type.getSimpleName();
  }

  static String wrongShape(Class<?> expected) {
    String shape;
    if (Collection.class.isAssignableFrom(expected)) {
      shape = "a list";
    } else if (expected.isRecord() || Map.class.isAssignableFrom(expected)) {
      shape = "a mapping of keys to values";
    } else {
      shape = "a single " + expected.getSimpleName() + " value";
    }
    return "has the wrong shape: expected " + shape;
  }
}
