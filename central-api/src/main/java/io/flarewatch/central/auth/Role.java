package io.flarewatch.central.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do, each role including every lower one: a viewer reads, an engineer also works
 * on sites, an operator also curtails and commands, an admin also manages users, tokens and reads
 * the audit log.
 */
public enum Role {
  VIEWER,
  ENGINEER,
  OPERATOR,
  ADMIN;

  /** True when this role may do everything {@code other} may. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The role named {@code name}, ignoring case; empty for anything else. */
  public static Optional<Role> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
