package io.flarewatch.central.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Command ids are name-based UUIDs (version 5) of site, user and idempotency key. */
class CommandIdsTest {

  @Test
  void isTheVersion5UuidOfSiteUserAndKey() {
    // computed independently: python3 -c "import uuid; print(uuid.uuid5(uuid.UUID(
    //   '6f1c9a52-3b7e-4d0a-9e55-2c8b41f07d13'), 'command\nwell-7\nadmin\nopenapi-example'))"
    assertEquals(
        "dadc16bc-7d77-5241-9f09-be160f2968e6",
        CommandIds.of("well-7", "admin", "openapi-example"));
  }

  @Test
  void differsWithEachPartAndForTheCancel() {
    String id = CommandIds.of("well-7", "op", "k");
    assertEquals(id, CommandIds.of("well-7", "op", "k"));
    assertNotEquals(id, CommandIds.of("well-8", "op", "k"));
    assertNotEquals(id, CommandIds.of("well-7", "op2", "k"));
    assertNotEquals(id, CommandIds.of("well-7", "op", "k2"));
    assertNotEquals(id, CommandIds.cancelOf(id));
    assertEquals(CommandIds.cancelOf(id), CommandIds.cancelOf(id));
  }
}
