package io.flarewatch.central.auth;

import java.time.Instant;

/** A token central issued at login, what {@code POST /api/v1/auth/token} answers. */
public record IssuedToken(String token, Instant expiresAt, Role role, SiteScope sites) {}
