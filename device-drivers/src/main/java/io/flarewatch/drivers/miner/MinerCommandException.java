package io.flarewatch.drivers.miner;

/**
 * The miner refused a write for a reason of its own: wrong credentials (code {@value
 * #AUTH_FAILED}), another session holds the write lock (code {@value #SESSION_BUSY}, worth retrying
 * later), or it answered a write with an error the other codes do not cover (code {@value
 * MinerStatusException#CODE}, e.g. an HTTP error status of a web interface).
 */
public class MinerCommandException extends MinerApiException {

  /** The miner refused the credentials (digest, logon). Retrying will not help. */
  public static final String AUTH_FAILED = "auth_failed";

  /** Another session holds the miner's single write session. Retryable. */
  public static final String SESSION_BUSY = "session_busy";

  public MinerCommandException(String code, String message, String detail) {
    super(code, message, detail, null);
  }

  /** Wrong credentials. */
  public static MinerCommandException authFailed(String message, String detail) {
    return new MinerCommandException(AUTH_FAILED, message, detail);
  }

  /** The single write session is held by someone else. */
  public static MinerCommandException sessionBusy(String message, String detail) {
    return new MinerCommandException(SESSION_BUSY, message, detail);
  }

  /** A write answered with an error (HTTP status, a web reply saying it failed). */
  public static MinerCommandException replyError(String message, String detail) {
    return new MinerCommandException(MinerStatusException.CODE, message, detail);
  }

  @Override
  MinerCommandException withPrefix(String prefix) {
    return new MinerCommandException(code(), prefix + getMessage(), detail());
  }
}
