package io.flarewatch.central.reports.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify-report command: accepts a signed report, refuses a changed one. */
class VerifyReportTest {

  private static final byte[] REPORT =
      "period_start,period_end,site\n2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,well-7\n"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void verifyReportCommandAcceptsTheSignedFileAndRefusesAChangedOne() throws Exception {
    KeyPair pair = Ed25519Signatures.newKeyPair();
    Path report = Files.write(dir.resolve("r.csv"), REPORT);
    Path sig =
        Files.writeString(
            dir.resolve("r.csv.sig"),
            Base64.getEncoder().encodeToString(Ed25519Signatures.sign(pair.getPrivate(), REPORT))
                + "\n");
    Path key =
        Files.writeString(dir.resolve("key.pem"), Ed25519Signatures.publicKeyPem(pair.getPublic()));
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
