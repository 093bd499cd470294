package io.flarewatch.central.reports.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 over a report's bytes: verified as signed, refused after a one-byte change. */
class ReportSignaturesTest {

  private static final byte[] REPORT =
      "period_start,period_end,site\n2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,well-7\n"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void aSignatureVerifiesAndAOneByteChangeIsRefused() {
    KeyPair pair = ReportSignatures.newKeyPair();
    byte[] signature = ReportSignatures.sign(pair.getPrivate(), REPORT);
    assertEquals(64, signature.length);
    assertTrue(ReportSignatures.verify(pair.getPublic(), REPORT, signature));
    for (int i = 0; i < REPORT.length; i += 7) {
      byte[] changed = REPORT.clone();
      changed[i] ^= 1;
      assertFalse(ReportSignatures.verify(pair.getPublic(), changed, signature), "byte " + i);
    }
    assertFalse(
        ReportSignatures.verify(ReportSignatures.newKeyPair().getPublic(), REPORT, signature),
        "another key");
  }

  @Test
  void pemKeysRoundTripAndThePublicKeyFollowsFromThePrivateOne() {
    KeyPair pair = ReportSignatures.newKeyPair();
    String privatePem = ReportSignatures.privateKeyPem(pair.getPrivate());
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
    PrivateKey read = ReportSignatures.readPrivateKey(privatePem);
    PublicKey derived = ReportSignatures.publicKeyOf(read);
    assertArrayEquals(pair.getPublic().getEncoded(), derived.getEncoded());
    PublicKey publicRead =
        ReportSignatures.readPublicKey(ReportSignatures.publicKeyPem(pair.getPublic()));
    assertEquals(ReportSignatures.keyId(pair.getPublic()), ReportSignatures.keyId(publicRead));
    assertTrue(ReportSignatures.keyId(publicRead).matches("[0-9a-f]{16}"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReportSignatures.readPrivateKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END"));
  }

  @Test
  void verifyReportCommandAcceptsTheSignedFileAndRefusesAChangedOne() throws Exception {
    KeyPair pair = ReportSignatures.newKeyPair();
    Path report = Files.write(dir.resolve("r.csv"), REPORT);
    Path sig =
        Files.writeString(
            dir.resolve("r.csv.sig"),
            Base64.getEncoder().encodeToString(ReportSignatures.sign(pair.getPrivate(), REPORT))
                + "\n");
    Path key =
        Files.writeString(dir.resolve("key.pem"), ReportSignatures.publicKeyPem(pair.getPublic()));
    String[] args = {
      "--report", report.toString(), "--signature", sig.toString(), "--public-key", key.toString()
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, VerifyReport.run(args, new PrintStream(out), System.err));
    assertTrue(out.toString().startsWith("OK: "), out.toString());

    byte[] changed = REPORT.clone();
    changed[changed.length - 3] = (byte) '8';
    Files.write(report, changed);
    out.reset();
    assertEquals(1, VerifyReport.run(args, new PrintStream(out), System.err));
    assertTrue(out.toString().startsWith("FAILED: "), out.toString());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(
        2,
        VerifyReport.run(
            new String[] {"--report", report.toString()}, System.out, new PrintStream(err)));
    assertTrue(err.toString().contains("required"), err.toString());
  }
}
