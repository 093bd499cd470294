package io.flarewatch.wire.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal reasons are one closed list. */
class CommandRefusedExceptionTest {

  @Test
  void everyReasonIsListedOnceAndTheEdgesCancelRefusalIsOne() {
    assertEquals(
        List.of(
            "bad_signature",
            "malformed",
            "wrong_site",
            "expired",
            "not_yet_valid",
            "already_executing"),
        CommandRefusedException.REASONS);
    assertEquals(
        CommandRefusedException.REASONS.size(),
        new HashSet<>(CommandRefusedException.REASONS).size());
    for (String reason : CommandRefusedException.REASONS) {
      assertEquals(reason, new CommandRefusedException(reason, "why").reason());
    }
  }

  @Test
  void aReasonOutsideTheListIsRefusedNamingTheList() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CommandRefusedException("replayed", "an id seen before"));
    assertTrue(e.getMessage().contains("'replayed'"), e.getMessage());
    assertTrue(e.getMessage().contains("already_executing"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CommandRefusedException.requireKnown(null));
  }
}
