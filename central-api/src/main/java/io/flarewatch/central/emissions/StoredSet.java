package io.flarewatch.central.emissions;

import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import java.util.SortedMap;

/**
 * A parameter set as stored on emissions points: its id and the parameters rebuilt from the stored
 * {@code param_*} fields, or why they cannot be used (they do not hash to the id, or do not
 * describe parameters of this methodology).
 *
 * @param id the set's id (from the {@code parameter_set} tag, or computed for untagged points)
 * @param parameters the rebuilt parameters, null when unusable
 * @param problem why they are unusable, or null
 */
record StoredSet(String id, SiteEmissionsParameters parameters, String problem) {

  static StoredSet of(String taggedId, SortedMap<String, String> stored) {
    String computed = SiteEmissionsParameters.idOf(stored);
    String id = taggedId.isEmpty() ? computed : taggedId;
    if (stored.isEmpty()) {
      return new StoredSet(id, null, "no param_* fields are stored");
    }
    if (!computed.equals(id)) {
      return new StoredSet(id, null, "the stored parameters hash to " + computed);
    }
    try {
      return new StoredSet(id, SiteEmissionsParameters.fromDescription(stored), null);
    } catch (InvalidEmissionsParametersException e) {
      return new StoredSet(id, null, e.getMessage());
    }
  }
}
