package io.flarewatch.central.reports;

import java.time.Instant;
import java.util.SortedMap;

/**
 * Sums of a site's emissions points over one UTC day (or the part of it in the report's range), for
 * one methodology and parameter set.
 *
 * @param figures sums in the order of {@link EmissionsDays#FIGURES}
 * @param intervals how many emissions points were added
 */
public record DayTotals(
    String site,
    Instant day,
    String methodology,
    SortedMap<String, String> parameters,
    double[] figures,
    long intervals) {}
