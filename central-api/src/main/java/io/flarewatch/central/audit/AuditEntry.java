package io.flarewatch.central.audit;

/**
 * One user action as the audit log keeps it.
 *
 * @param user who: the principal, or for a failed login the name it claimed; null when unknown
 * @param role the principal's role; null when not authenticated
 * @param via {@code local} or {@code oidc} when authenticated, else null
 * @param method the HTTP method
 * @param path the request path
 * @param query the raw query string; null when there is none
 * @param status the HTTP status answered
 * @param remoteAddress the peer's address
 * @param forwardedFor the {@code X-Forwarded-For} header as received; null when absent
 * @param note why a token was refused, or that the connection closed early; null otherwise
 * @param site the configured site the request was about (a site route's, or a report's {@code
 *     site}); null when it named none
 */
public record AuditEntry(
    String user,
    String role,
    String via,
    String method,
    String path,
    String query,
    int status,
    String remoteAddress,
    String forwardedFor,
    String note,
    String site) {}
