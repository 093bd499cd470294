package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rebuilds {@link SiteEmissionsParameters} from their {@link SiteEmissionsParameters#describe()}
 * map (the {@code param_*} fields stored with every emissions point), and insists that describing
 * the result gives the same map back, so a recomputation uses exactly the stored parameters.
 */
final class ParameterDescriptionReader {

  private ParameterDescriptionReader() {}

  static SiteEmissionsParameters read(Map<String, String> description) {
    if (description == null || description.isEmpty()) {
      throw new InvalidEmissionsParametersException("parameters", "none were given");
    }
    String methodology = required(description, "methodology");
    if (!methodology.equals(Methodology.ID)) {
      throw new InvalidEmissionsParametersException(
          "methodology", quote(methodology) + " is not this methodology (" + Methodology.ID + ")");
    }
    EnumMap<GasComponent, Double> fractions = new EnumMap<>(GasComponent.class);
    for (GasComponent component : GasComponent.values()) {
      String key = "composition_" + component.name().toLowerCase(Locale.ROOT);
      fractions.put(component, number(description, key));
    }
    GwpSet gwp =
        GwpSet.byName(required(description, "gwp_set"))
            .orElseThrow(
                () ->
                    new InvalidEmissionsParametersException(
                        "gwp_set", quote(description.get("gwp_set")) + " is not a GWP set"));
    String flareSource = required(description, "flare_source");
    FlareEfficiency flare =
        switch (required(description, "flare_form")) {
          case "SINGLE" ->
              new FlareEfficiency.SingleEfficiency(
                  number(description, "flare_destruction_efficiency"), flareSource);
          case "MEASURED_COMBUSTION" ->
              new FlareEfficiency.MeasuredCombustion(
                  number(description, "flare_combustion_efficiency"), flareSource);
          case "DEFAULT_TIER" ->
              new FlareEfficiency.DefaultTier(
                  tierOf(description.get("flare_destruction_efficiency")), flareSource);
          default ->
              throw new InvalidEmissionsParametersException(
                  "flare_form", quote(description.get("flare_form")) + " is not a flare form");
        };
    EngineType type =
        EngineType.byName(required(description, "engine_type"))
            .orElseThrow(
                () ->
                    new InvalidEmissionsParametersException(
                        "engine_type",
                        quote(description.get("engine_type")) + " is not an engine type"));
    EngineEfficiency engine =
        "measured".equals(description.get("engine_efficiency_basis"))
            ? EngineEfficiency.measured(
                type,
                number(description, "engine_efficiency"),
                required(description, "engine_efficiency_source"))
            : EngineEfficiency.defaultFor(type);
    LocalDate analysisDate = null;
    String date = description.get("composition_analysis_date");
    if (date != null) {
      try {
        analysisDate = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new InvalidEmissionsParametersException(
            "composition_analysis_date", quote(date) + " is not a date");
      }
    }
    MeasurementUncertainty uncertainty = null;
    if (description.containsKey("uncertainty_meter_relative")) {
      uncertainty =
          new MeasurementUncertainty(
              number(description, "uncertainty_meter_relative"),
              number(description, "uncertainty_composition_relative"),
              number(description, "uncertainty_flare_efficiency"),
              number(description, "uncertainty_engine_efficiency"),
              number(description, "uncertainty_unlit_fraction"));
    }
    SiteEmissionsParameters parameters =
        new SiteEmissionsParameters(
            new GasComposition(fractions),
            required(description, "composition_source"),
            flare,
            number(description, "flare_unlit_fraction"),
            engine,
            gwp,
            number(description, "pressure_base_psia"),
            analysisDate,
            uncertainty);
    SortedMap<String, String> again = parameters.describe();
    SortedMap<String, String> given = new TreeMap<>(description);
    if (!again.equals(given)) {
      TreeMap<String, String> keys = new TreeMap<>(given);
      again.forEach(keys::putIfAbsent);
      for (String key : keys.keySet()) {
        if (!Objects.equals(given.get(key), again.get(key))) {
          throw new InvalidEmissionsParametersException(
              key,
              "is "
                  + (given.containsKey(key) ? quote(given.get(key)) : "missing")
                  + " but the parameters it describes give "
                  + (again.containsKey(key) ? quote(again.get(key)) : "no such key"));
        }
      }
    }
    return parameters;
  }

  private static int tierOf(String destruction) {
    for (int tier = 1; tier <= 3; tier++) {
      if (new FlareEfficiency.DefaultTier(tier)
              .destruction()
              .compareTo(new BigDecimal(Objects.requireNonNullElse(destruction, "-1")))
          == 0) {
        return tier;
      }
    }
    throw new InvalidEmissionsParametersException(
        "flare_destruction_efficiency", quote(destruction) + " is no default tier's");
  }

  private static String required(Map<String, String> description, String key) {
    String value = description.get(key);
    if (value == null) {
      throw new InvalidEmissionsParametersException(key, "is missing");
    }
    return value;
  }

  private static double number(Map<String, String> description, String key) {
    String value = required(description, key);
    try {
      return Checks.finite(key, Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new InvalidEmissionsParametersException(key, quote(value) + " is not a number");
    }
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }
}
