package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import java.time.Duration;

/**
 * The site's own gas-following loop: how much load the gas can carry, how fast load is shed and
 * added back, and which miners go first. Off unless {@code enabled}.
 *
 * @param enabled run the loop; default false
 * @param ratedKw the generator's rated output, kW; required when enabled
 * @param heatRateBtuPerKwh the generator's heat rate (HHV basis), Btu/kWh; default 9,500
 * @param hhvBtuPerScf the gas's higher heating value, Btu/scf; default 1,242.5
 * @param marginPercent load kept below what the gas can carry, % of that; default 3
 * @param addStepKw the most load added per {@code addIntervalSeconds}; default 10 % of {@code
 *     ratedKw}
 * @param addIntervalSeconds the least time between two additions of load, and how long the gas must
 *     have stayed up before load follows it; default 60
 * @param hysteresisKw headroom needed before any load is added; default 2 % of {@code ratedKw}
 * @param minDwellSeconds the least time a miner stays in the state the loop (or a command) put it
 *     in before the loop wakes it again; default 300
 * @param alarmShedPercent load shed at once on a generator alarm, % of the present load; default 20
 * @param priority which miners are shed first (and woken last): {@code EFFICIENCY} (highest J/TH
 *     first) or {@code ID} (highest id first); default EFFICIENCY
 * @param defaultMinerWatts draw of a mining miner whose firmware reports no power; default 3,300
 */
public record LoadControlConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("ratedKw") Double ratedKw,
    @JsonProperty("heatRateBtuPerKwh") Double heatRateBtuPerKwh,
    @JsonProperty("hhvBtuPerScf") Double hhvBtuPerScf,
    @JsonProperty("marginPercent") Double marginPercent,
    @JsonProperty("addStepKw") Double addStepKw,
    @JsonProperty("addIntervalSeconds") Integer addIntervalSeconds,
    @JsonProperty("hysteresisKw") Double hysteresisKw,
    @JsonProperty("minDwellSeconds") Integer minDwellSeconds,
    @JsonProperty("alarmShedPercent") Double alarmShedPercent,
    @JsonProperty("priority") Priority priority,
    @JsonProperty("defaultMinerWatts") Double defaultMinerWatts) {

  /** Which miners are shed first. */
  public enum Priority {
    /** Least efficient (highest J/TH) first; miners of unknown efficiency before all others. */
    EFFICIENCY,
    /** Highest id first. */
    ID
  }

  public LoadControlConfig {
    enabled = enabled != null && enabled;
    heatRateBtuPerKwh = heatRateBtuPerKwh == null ? 9_500.0 : heatRateBtuPerKwh;
    hhvBtuPerScf = hhvBtuPerScf == null ? 1_242.5 : hhvBtuPerScf;
    marginPercent = marginPercent == null ? 2.0 : marginPercent;
    addIntervalSeconds = addIntervalSeconds == null ? 20 : addIntervalSeconds;
    minDwellSeconds = minDwellSeconds == null ? 300 : minDwellSeconds;
    alarmShedPercent = alarmShedPercent == null ? 20.0 : alarmShedPercent;
    priority = priority == null ? Priority.EFFICIENCY : priority;
    defaultMinerWatts = defaultMinerWatts == null ? 3_300.0 : defaultMinerWatts;
    ConfigCheck check = new ConfigCheck();
    boolean rated =
        ratedKw == null
            ? check.that(!enabled, "ratedKw", "is required when the loop is enabled")
            : check.that(
                ratedKw > 0 && ratedKw <= 1e6, "ratedKw", ratedKw + " must be 0 to 1e6 kW");
    if (rated && ratedKw != null) {
      addStepKw = addStepKw == null ? ratedKw / 10 : addStepKw;
      hysteresisKw = hysteresisKw == null ? ratedKw / 100 : hysteresisKw;
    }
    check.that(
        heatRateBtuPerKwh >= 3_412 && heatRateBtuPerKwh <= 30_000,
        "heatRateBtuPerKwh",
        heatRateBtuPerKwh + " must be 3412 (100 % efficient) to 30000 Btu/kWh");
    check.that(
        hhvBtuPerScf >= 100 && hhvBtuPerScf <= 3_500,
        "hhvBtuPerScf",
        hhvBtuPerScf + " must be 100 to 3500 Btu/scf");
    check.that(
        marginPercent >= 0 && marginPercent < 50,
        "marginPercent",
        marginPercent + " must be 0 to under 50");
    check.that(
        addStepKw == null || addStepKw > 0, "addStepKw", addStepKw + " must be more than 0 kW");
    check.that(
        addIntervalSeconds >= 1 && addIntervalSeconds <= 86_400,
        "addIntervalSeconds",
        addIntervalSeconds + " must be 1 to 86400");
    check.that(
        hysteresisKw == null || hysteresisKw >= 0,
        "hysteresisKw",
        hysteresisKw + " must be 0 kW or more");
    check.that(
        minDwellSeconds >= 0 && minDwellSeconds <= 86_400,
        "minDwellSeconds",
        minDwellSeconds + " must be 0 to 86400");
    check.that(
        alarmShedPercent > 0 && alarmShedPercent <= 100,
        "alarmShedPercent",
        alarmShedPercent + " must be more than 0 and at most 100");
    check.that(
        defaultMinerWatts > 0 && defaultMinerWatts <= 100_000,
        "defaultMinerWatts",
        defaultMinerWatts + " must be more than 0 and at most 100000 W");
    check.orThrow();
  }

  /** The loop off: the edge leaves its miners to commands alone. */
  public static LoadControlConfig disabled() {
    return new LoadControlConfig(
        false, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The loop on for a generator of {@code ratedKw}, every other setting at its default. */
  public static LoadControlConfig enabledFor(double ratedKw) {
    return new LoadControlConfig(
        true, ratedKw, null, null, null, null, null, null, null, null, null, null);
  }

  @JsonIgnore
  public Duration addInterval() {
    return Duration.ofSeconds(addIntervalSeconds);
  }

  @JsonIgnore
  public Duration minDwell() {
    return Duration.ofSeconds(minDwellSeconds);
  }

  /** The generator output {@code scfPerHour} of gas can carry, kW (not capped at the rating). */
  public double kwFromGas(double scfPerHour) {
    return scfPerHour * hhvBtuPerScf / heatRateBtuPerKwh;
  }
}
