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
}
