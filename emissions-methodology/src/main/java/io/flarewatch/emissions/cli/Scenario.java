package io.flarewatch.emissions.cli;

import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;

/**
 * A volume and the parameters to compute it with; {@code volumeName} is how the input named the
 * volume, for errors.
 */
record Scenario(double volume, SiteEmissionsParameters parameters, String volumeName) {

  EmissionsResult compute() {
    try {
      return EmissionsCalculator.compute(volume, parameters);
    } catch (InvalidEmissionsParametersException e) {
      throw new UsageException(volumeName + ": " + e.problem());
    }
  }
}
