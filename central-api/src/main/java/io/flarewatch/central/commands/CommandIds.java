package io.flarewatch.central.commands;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Command ids derived from what names a request, never drawn at random: a name-based UUID (version
 * 5, SHA-1, RFC 9562) of the site, the user and the client's {@code Idempotency-Key}. A retried
 * request, on this central or on another replica racing it, gets the same id, and the edge executes
 * an id at most once.
 */
final class CommandIds {

  /** The namespace of Flarewatch command ids (a fixed random UUID). */
  private static final UUID NAMESPACE = UUID.fromString("6f1c9a52-3b7e-4d0a-9e55-2c8b41f07d13");

  private CommandIds() {}

  /** The id of the command a user issues on a site with an idempotency key. */
  static String of(String site, String user, String idempotencyKey) {
    return nameBased("command\n" + site + "\n" + user + "\n" + idempotencyKey);
  }

  /** The id of the cancel envelope withdrawing a command. */
  static String cancelOf(String commandId) {
    return nameBased("cancel\n" + commandId);
  }

  private static String nameBased(String name) {
    byte[] hash;
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(
          ByteBuffer.allocate(16)
              .putLong(NAMESPACE.getMostSignificantBits())
              .putLong(NAMESPACE.getLeastSignificantBits())
              .array());
      hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }
}
