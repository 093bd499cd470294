package io.flarewatch.emissions.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.emissions.EmissionsFigure;
import io.flarewatch.emissions.EmissionsResult;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;

/** Prints a result: every parameter and figure as text for reading by hand, or as JSON. */
final class ResultPrinter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultPrinter() {}

  static void text(EmissionsResult result, PrintStream out) {
    out.println("Flarewatch emissions: baseline (gas to flare) vs project (gas to engine)");
    out.println("methodology: " + result.methodologyId());
    out.println();
    out.println("Parameters");
    result
        .parameters()
        .forEach((key, value) -> out.printf(Locale.ROOT, "  %-30s %s%n", key, value));
    out.println();
    out.println("Figures (scf at 60 °F / 14.7 psia; t = metric tonnes)");
    for (EmissionsFigure figure : EmissionsFigure.values()) {
      out.printf(
          Locale.ROOT,
          "  %-27s %22s  %s%n",
          figure.key(),
          plain(figure.valueIn(result)),
          figure.description());
    }
    out.println();
    double avoided = result.avoidedTco2e();
    String share =
        result.avoidedShareOfBaseline().isPresent()
            ? String.format(
                Locale.ROOT,
                " (%.2f %% of the baseline)",
                100 * result.avoidedShareOfBaseline().getAsDouble())
            : "";
    if (avoided < 0) {
      out.printf(
          Locale.ROOT,
          "Avoided: %s tCO2e%s: NEGATIVE, the project emits more than the baseline%n",
          plain(avoided),
          share);
    } else {
      out.printf(Locale.ROOT, "Avoided: %s tCO2e%s%n", plain(avoided), share);
    }
  }

  static void json(EmissionsResult result, PrintStream out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("methodology", result.methodologyId());
    ObjectNode parameters = root.putObject("parameters");
    result.parameters().forEach(parameters::put);
    ObjectNode figures = root.putObject("figures");
    result.figures().forEach(figures::put);
    if (result.avoidedShareOfBaseline().isPresent()) {
      root.put("avoided_share_of_baseline", result.avoidedShareOfBaseline().getAsDouble());
    } else {
      root.putNull("avoided_share_of_baseline");
    }
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write result as JSON", e);
    }
  }

  private static String plain(double value) {
    BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }
}
