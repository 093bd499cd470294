package io.flarewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlConfigReaderTest {

  enum Colour {
    RED,
    GREEN
  }

  record Leaf(@JsonProperty("size") Integer size, @JsonProperty("colour") Colour colour) {
    Leaf {
      if (size != null && size < 0) {
        throw new ConfigException("leaves[].size", size + " is negative");
      }
    }
  }

  record Tree(@JsonProperty("name") String name, @JsonProperty("leaves") List<Leaf> leaves) {}

  /** Checks itself the new way: every problem, keys relative to where it is. */
  record Bud(@JsonProperty("size") Integer size, @JsonProperty("colour") Colour colour) {
    Bud {
      ConfigCheck check = new ConfigCheck();
      check.that(size == null || size >= 0, "size", size + " is negative");
      check.that(colour != null, "colour", "is required");
      check.orThrow();
    }
  }

  record Branch(@JsonProperty("buds") List<Bud> buds, @JsonProperty("tip") Bud tip) {
    Branch {
      ConfigCheck check = new ConfigCheck();
      check.that(tip != null, "tip", "is required");
      check.that(buds == null || buds.size() <= 2, "buds", "has more than 2 buds");
      check.orThrow();
    }
  }

  record Plant(
      @JsonProperty("name") String name,
      @JsonProperty("branches") List<Branch> branches,
      @JsonProperty("leaves") List<Leaf> leaves) {
    Plant {
      ConfigCheck check = new ConfigCheck();
      check.that(name != null, "name", "is required");
      check.orThrow();
    }
  }

  @Test
  void readsNestedRecords() {
    Tree tree = YamlConfigReader.parse("name: oak\nleaves: [{size: 3, colour: GREEN}]", Tree.class);
    assertEquals(new Tree("oak", List.of(new Leaf(3, Colour.GREEN))), tree);
  }

  @Test
  void unknownKeysAreNamedWithTheKnownOnes() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> YamlConfigReader.parse("name: oak\nleaves: [{sise: 3}]", Tree.class));
    assertEquals("leaves[0].sise: is not a known key (known keys: colour, size)", e.getMessage());
  }

  @Test
  void badEnumValuesListTheValidOnes() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> YamlConfigReader.parse("leaves: [{colour: BLUE}]", Tree.class));
    assertEquals("leaves[0].colour: 'BLUE' is not one of [RED, GREEN]", e.getMessage());
  }

  @Test
  void badNumbersAreNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> YamlConfigReader.parse("leaves: [{size: lots}]", Tree.class));
    assertEquals("leaves[0].size: 'lots' is not a valid Integer", e.getMessage());
  }

  @Test
  void wrongShapesSayWhatWasExpected() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse("name: [a]", Tree.class));
    assertEquals("name: has the wrong shape: expected a single String value", e.getMessage());
    e = assertThrows(ConfigException.class, () -> YamlConfigReader.parse("leaves: 3", Tree.class));
    assertEquals("leaves: has the wrong shape: expected a list", e.getMessage());
  }

  @Test
  void recordValidationErrorsPassThroughUnchanged() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> YamlConfigReader.parse("leaves: [{size: -1}]", Tree.class));
    assertEquals("leaves[].size: -1 is negative", e.getMessage());
  }

  @Test
  void emptyAndMalformedDocumentsAreErrors() {
    assertEquals(
        "config: is empty",
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse("", Tree.class))
            .getMessage());
    String message =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse("name: 'oak", Tree.class))
            .getMessage();
    assertEquals(true, message.startsWith("config: is not valid YAML"), message);
  }

  @Test
  void everyBadSettingIsReportedOnceWithItsWholeKey() {
    String yaml =
        """
        name: fern
        colour: RED
        branches:
          - {tip: {colour: GREEN}, buds: [{size: -1, colour: RED}, {size: lots}]}
          - {buds: [{colour: BLUE}]}
        leaves: [{size: -2}]
        """;
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigReader.parse(yaml, Plant.class));
    assertEquals(
        List.of(
            "branches[0].buds[0].size: -1 is negative",
            "branches[0].buds[1].size: 'lots' is not a valid Integer",
            "branches[0].buds[1].colour: is required",
            "branches[1].buds[0].colour: 'BLUE' is not one of [RED, GREEN]",
            "branches[1].tip: is required",
            "leaves[].size: -2 is negative",
            "colour: is not a known key (known keys: branches, leaves, name)"),
        e.problems().stream().map(ConfigProblem::toString).toList());
    assertEquals("branches[0].buds[0].size", e.key());
    assertEquals(
        String.join(
            System.lineSeparator(), e.problems().stream().map(ConfigProblem::toString).toList()),
        e.getMessage());
  }

  @Test
  void aSectionBuiltInCodeNamesItsOwnKeys() {
    ConfigException e = assertThrows(ConfigException.class, () -> new Bud(-1, null));
    assertEquals(
        "size: -1 is negative" + System.lineSeparator() + "colour: is required", e.getMessage());
  }

  @Test
  void keysAreBuiltInOneNotation() {
    assertEquals("uplink.batchMaxLines", ConfigKey.join("uplink", "batchMaxLines"));
    assertEquals("minerRanges[2].firstHost", ConfigKey.element("minerRanges", 2, "firstHost"));
    assertEquals("miners[2].host", ConfigKey.join("miners", "[2].host"));
    assertEquals("port", ConfigKey.join("", "port"));
    assertEquals("auth", ConfigKey.join("auth", ""));
  }
}
