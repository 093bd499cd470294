package io.flarewatch.drivers.miner;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Names why a connection to a miner could not be opened, the same way for its CGMiner-style API and
 * its web interface: {@code timeout}, {@code refused}, {@code unreachable}, else {@code io_error}.
 */
public final class MinerConnectFailures {

  private MinerConnectFailures() {}

  /**
   * The failure of a connect attempt.
   *
   * @param prefix what the message starts with (the miner and the request)
   * @param cause what the connect attempt failed with
   */
  public static MinerApiException of(String prefix, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String lower = reason.toLowerCase(Locale.ROOT);
    if (cause instanceof ConnectTimeoutException) {
      return new MinerTimeoutException(
          prefix + "connect timed out: " + reason, "connect timed out", cause);
    }
    if (lower.contains("refused")) {
      return MinerUnreachableException.refused(prefix + "cannot connect: " + reason, reason, cause);
    }
    if (cause instanceof ConnectException
        || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException
        || lower.contains("unreachable")
        || lower.contains("no route")) {
      return MinerUnreachableException.unreachable(
          prefix + "cannot connect: " + reason, reason, cause);
    }
    String what = "cannot connect: " + cause.getClass().getSimpleName() + " " + reason;
    return new MinerConnectionException(prefix + what, what, cause);
  }
}
