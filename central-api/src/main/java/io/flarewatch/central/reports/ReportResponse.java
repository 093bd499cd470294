package io.flarewatch.central.reports;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Sends a rendered report with its SHA-256: {@code Content-Digest: sha-256=:<base64>:} (RFC 9530)
 * and {@code X-Content-SHA256: <hex>}, so a recipient can check the bytes they keep.
 */
final class ReportResponse {

  private ReportResponse() {}

  static void send(RoutingContext ctx, byte[] body, ReportFormat format, String fileName) {
    byte[] digest = sha256(body);
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
        .putHeader("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
        .putHeader("X-Content-SHA256", HexFormat.of().formatHex(digest))
        .putHeader(
            "Content-Disposition",
            "inline; filename=\""
                + fileName
                + "."
                + format.name().toLowerCase(java.util.Locale.ROOT)
                + "\"")
        .end(Buffer.buffer(body));
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
