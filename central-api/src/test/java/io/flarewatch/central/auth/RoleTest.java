package io.flarewatch.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleTest {

  @ParameterizedTest(name = "{0} includes {1}: {2}")
  @CsvSource({
    "VIEWER, VIEWER, true",
    "VIEWER, ENGINEER, false",
    "ENGINEER, VIEWER, true",
    "ENGINEER, OPERATOR, false",
    "OPERATOR, ENGINEER, true",
    "OPERATOR, ADMIN, false",
    "ADMIN, VIEWER, true",
    "ADMIN, ADMIN, true"
  })
  void eachRoleIncludesTheLowerOnes(Role role, Role other, boolean includes) {
    assertEquals(includes, role.includes(other));
  }

  @ParameterizedTest
  @CsvSource({"admin, ADMIN", "' Operator ', OPERATOR", "root, ''", "'', ''"})
  void parsesNamesIgnoringCase(String text, String expected) {
    assertEquals(
        expected.isEmpty() ? Optional.empty() : Optional.of(Role.valueOf(expected)),
        Role.parse(text));
  }
}
