package io.flarewatch.edge.localapp;

import io.flarewatch.wire.AuditText;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.MeasurementContract;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.SiteAudit;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What users do at the site-local app, as {@code site_audit} points ({@link SiteAudit}) appended to
 * the edge's buffer, so they reach central's audit log with the samples, after an outage or a kill
 * -9 too, and once in effect (each point has its own timestamp: a replay overwrites it with
 * itself). Passwords and tokens are never recorded; a refused login keeps the name it claimed, as
 * central's audit does, cleaned and cut to a tag's length.
 *
 * <p>Refusals (wrong passwords, bad tokens, locked logins) are recorded at most {@value
 * #MAX_REFUSALS_PER_MINUTE} a minute: someone on the site's network hammering the app must not fill
 * the buffer and push the site's samples out. Those left out are counted, and the next refusal
 * recorded says how many.
 */
public final class SiteAuditLog {

  static final int MAX_REFUSALS_PER_MINUTE = 60;
  private static final Logger LOG = LoggerFactory.getLogger(SiteAuditLog.class);
  private static final int MAX_NOTE_CHARS = 512;

  /**
   * One user action.
   *
   * @param user who: the account, the token's subject, or the name a refused login claimed; null
   *     when unknown (a token that did not verify)
   * @param role the user's role, when known
   * @param via {@link SiteAudit#VIA_LOCAL} or {@link SiteAudit#VIA_SITE_TOKEN}, when known
   * @param action one of {@link SiteAudit#ACTIONS}
   * @param outcome one of {@link SiteAudit#OUTCOMES}
   * @param status the HTTP status answered
   * @param command the id of a command given, else null
   * @param note what was done or why it was refused; null for none
   */
  public record Entry(
      String user,
      String role,
      String via,
      String action,
      String outcome,
      int status,
      String method,
      String path,
      String remoteAddress,
      String command,
      String note) {}

  /**
   * An entry about the request {@code ctx}: its method, path and peer address, and the rest as
   * {@link Entry} says.
   */
  static Entry entry(
      RoutingContext ctx,
      String user,
      String role,
      String via,
      String action,
      String outcome,
      int status,
      String command,
      String note) {
    SocketAddress remote = ctx.request().remoteAddress();
    return new Entry(
        user,
        role,
        via,
        action,
        outcome,
        status,
        ctx.request().method().name(),
        ctx.request().path(),
        remote == null ? null : remote.hostAddress(),
        command,
        note);
  }

  private final String site;
  private final Function<List<String>, Future<?>> store;
  private final Clock clock;
  private long lastMillis;
  private long refusalMinute = -1;
  private int refusalsThisMinute;
  private long refusalsLeftOut;

  /**
   * @param store appends lines to the buffer durably (and wakes the uplink)
   */
  public SiteAuditLog(String site, Function<List<String>, Future<?>> store, Clock clock) {
    this.site = site;
    this.store = store;
    this.clock = clock;
  }

  /**
   * The entry as one line of line protocol, for an action that commits it with what it does (a
   * command and its line in one transaction). Its timestamp is later than every one before.
   */
  public synchronized String line(Entry entry) {
    long millis = Math.max(clock.millis(), lastMillis + 1);
    lastMillis = millis;
    Point point =
        Point.builder(SiteAudit.MEASUREMENT, millis)
            .tag(Schema.TAG_SITE, site)
            .tag(SiteAudit.TAG_USER, tagValue(entry.user()))
            .tag(SiteAudit.TAG_ROLE, tagValue(entry.role()))
            .tag(SiteAudit.TAG_COMMAND, tagValue(entry.command()))
            .field(SiteAudit.FIELD_ACTION, entry.action())
            .field(SiteAudit.FIELD_OUTCOME, entry.outcome())
            .field(SiteAudit.FIELD_STATUS, (long) entry.status())
            .field(SiteAudit.FIELD_VIA, entry.via())
            .field(SiteAudit.FIELD_METHOD, entry.method())
            .field(SiteAudit.FIELD_PATH, fieldValue(entry.path(), MAX_NOTE_CHARS))
            .field(SiteAudit.FIELD_REMOTE_ADDRESS, entry.remoteAddress())
            .field(SiteAudit.FIELD_NOTE, fieldValue(entry.note(), MAX_NOTE_CHARS))
            .build();
    return LineProtocol.encode(point);
  }

  /**
   * Stores the entry once the request was answered; a failure is logged, never passed on (the
   * answer is out already). Refusals past {@value #MAX_REFUSALS_PER_MINUTE} a minute are counted
   * instead.
   */
  public void recordOrCount(Entry entry) {
    Entry kept = admit(entry);
    if (kept == null) {
      return;
    }
    String line;
    try {
      line = line(kept);
    } catch (IllegalArgumentException e) {
      LOG.error("site audit entry NOT stored: {}", e.getMessage());
      return;
    }
    store
        .apply(List.of(line))
        .onFailure(
            e ->
                LOG.error(
                    "site audit entry NOT stored: {} {} by {} ({}): {}",
                    entry.action(),
                    entry.outcome(),
                    entry.user(),
                    entry.remoteAddress(),
                    e.getMessage()));
  }

  /** The entry to store (with a note of the refusals left out before it), or null to leave out. */
  private synchronized Entry admit(Entry entry) {
    if (!SiteAudit.OUTCOME_REFUSED.equals(entry.outcome())
        && !SiteAudit.OUTCOME_LOCKED.equals(entry.outcome())) {
      return entry;
    }
    long minute = clock.millis() / 60_000;
    if (minute != refusalMinute) {
      refusalMinute = minute;
      refusalsThisMinute = 0;
    }
    if (refusalsThisMinute >= MAX_REFUSALS_PER_MINUTE) {
      refusalsLeftOut++;
      return null;
    }
    refusalsThisMinute++;
    if (refusalsLeftOut == 0) {
      return entry;
    }
    String leftOut =
        refusalsLeftOut + " refusal(s) before this one were not recorded (over the minute's limit)";
    refusalsLeftOut = 0;
    return new Entry(
        entry.user(),
        entry.role(),
        entry.via(),
        entry.action(),
        entry.outcome(),
        entry.status(),
        entry.method(),
        entry.path(),
        entry.remoteAddress(),
        entry.command(),
        entry.note() == null ? leftOut : entry.note() + "; " + leftOut);
  }

  private static String tagValue(String text) {
    return AuditText.tagValue(text, MeasurementContract.MAX_TAG_VALUE_CHARS);
  }

  private static String fieldValue(String text, int maxChars) {
    return AuditText.fieldValue(text, maxChars);
  }
}
