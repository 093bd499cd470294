package io.flarewatch.drivers.miner;

/**
 * The miner refused a write because the credentials are wrong (or writes are not enabled on it):
 * code {@code auth_failed}. The detail says what the miner answered, never a secret.
 */
public class MinerAuthException extends MinerApiException {

  public static final String CODE = "auth_failed";

  public MinerAuthException(String message, String detail, Throwable cause) {
    super(CODE, message, detail, cause);
  }

  @Override
  MinerAuthException withPrefix(String prefix) {
    return new MinerAuthException(prefix + getMessage(), detail(), getCause());
  }
}
