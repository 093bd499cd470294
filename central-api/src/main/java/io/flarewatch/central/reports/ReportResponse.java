package io.flarewatch.central.reports;

import io.flarewatch.central.reports.signing.ReportSigner;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Answers a rendered report with its SHA-256 ({@code Content-Digest: sha-256=:<base64>:}, RFC 9530,
 * and {@code X-Content-SHA256: <hex>}) and central's Ed25519 signature of the exact bytes ({@code
 * X-Report-Signature: <base64>}, with {@code X-Report-Signing-Key: <key id>}), so a recipient can
 * check the bytes they keep, now and years later.
 */
final class ReportResponse {

  static final String SIGNATURE = "X-Report-Signature";
  static final String SIGNING_KEY = "X-Report-Signing-Key";

  private ReportResponse() {}

  /** The headers and body of a signed report. */
  record Signed(byte[] body, byte[] digest, byte[] signature, String keyId) {}

  /** Hashes and signs; blocking-safe (pure CPU), run with the rendering off the event loop. */
  static Signed sign(byte[] body, ReportSigner signer) {
    return new Signed(body, sha256(body), signer.sign(body), signer.keyId());
  }

  /** Sets the signed report's headers on the response and returns its body. */
  static Buffer withHeaders(
      RoutingContext ctx, Signed report, ReportFormat format, String fileName) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType())
        .putHeader(
            "Content-Digest",
            "sha-256=:" + Base64.getEncoder().encodeToString(report.digest()) + ":")
        .putHeader("X-Content-SHA256", HexFormat.of().formatHex(report.digest()))
        .putHeader(SIGNATURE, Base64.getEncoder().encodeToString(report.signature()))
        .putHeader(SIGNING_KEY, report.keyId())
        .putHeader(
            "Content-Disposition",
            "inline; filename=\"" + fileName + "." + format.extension() + "\"");
    return Buffer.buffer(report.body());
  }

  static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
