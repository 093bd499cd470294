package io.flarewatch.central.reports.signing;

import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;

/**
 * {@code verify-report --report FILE --signature FILE|BASE64 --public-key PEM_FILE}: checks that a
 * report file is, byte for byte, what central signed. Prints the verdict; exit code 0 when the
 * signature is valid, 1 when it is not, 2 on a bad argument. Uses only the JDK, so it runs from any
 * Flarewatch jar ({@code java -cp central-api.jar
 * io.flarewatch.central.reports.signing.VerifyReport ...}) years later.
 */
public final class VerifyReport {

  static final String USAGE =
      "usage: verify-report --report FILE --signature FILE|BASE64 --public-key PEM_FILE";

  private VerifyReport() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String report = null;
    String signature = null;
    String publicKey = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--report" -> report = value;
        case "--signature" -> signature = value;
        case "--public-key" -> publicKey = value;
        case "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          err.println("unknown argument '" + args[i] + "'\n" + USAGE);
          return 2;
        }
      }
      i++;
    }
    if (report == null || signature == null || publicKey == null) {
      err.println("--report, --signature and --public-key are all required\n" + USAGE);
      return 2;
    }
    byte[] bytes;
    PublicKey key;
    byte[] sig;
    try {
      bytes = Files.readAllBytes(Path.of(report));
      key = Ed25519Signatures.readPublicKey(Files.readString(Path.of(publicKey)));
      sig = signature(signature);
    } catch (NoSuchFileException e) {
      err.println("no such file: " + e.getFile());
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (Ed25519Signatures.verify(key, bytes, sig)) {
      out.println(
          "OK: "
              + report
              + " is signed by key "
              + Ed25519Signatures.keyId(key)
              + " (Ed25519, "
              + bytes.length
              + " bytes)");
      return 0;
    }
    out.println(
        "FAILED: "
            + report
            + " is not what key "
            + Ed25519Signatures.keyId(key)
            + " signed (changed, another report, or another key)");
    return 1;
  }

  /** The 64 signature bytes from a file holding base64, or from base64 text itself. */
  private static byte[] signature(String argument) throws IOException {
    Path file = Path.of(argument);
    String text =
        Files.isRegularFile(file)
            ? new String(Files.readAllBytes(file), StandardCharsets.US_ASCII)
            : argument;
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--signature: neither a file nor base64 (" + e.getMessage() + ")");
    }
    if (sig.length != 64) {
      throw new IllegalArgumentException(
          "--signature: an Ed25519 signature is 64 bytes, got " + sig.length);
    }
    return sig;
  }
}
