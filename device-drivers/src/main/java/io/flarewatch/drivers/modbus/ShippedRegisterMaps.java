package io.flarewatch.drivers.modbus;

import java.util.List;

/**
 * The register maps shipped in this module, as classpath resources ({@code register-maps/...}).
 * Each real controller's map names its public source in its header comment; the module README lists
 * them with what each covers.
 */
public final class ShippedRegisterMaps {

  /** Directory of the shipped maps on the classpath. */
  public static final String DIRECTORY = "register-maps/";

  /** The generator controller of the Flarewatch site simulator. */
  public static final String SIMULATOR_GENERATOR = DIRECTORY + "flarewatch-sim-generator.json";

  /** The gas flow computer of the Flarewatch site simulator. */
  public static final String SIMULATOR_GAS_METER = DIRECTORY + "flarewatch-sim-gas-meter.json";

  /** Deep Sea Electronics GenComm (DSE 7xxx/8xxx). */
  public static final String DSE_GENCOMM = DIRECTORY + "dse-gencomm.yaml";

  /** ComAp InteliLite4. */
  public static final String COMAP_INTELILITE4 = DIRECTORY + "comap-intelilite4.yaml";

  /** ComAp InteliGen500 G2. */
  public static final String COMAP_INTELIGEN500_G2 = DIRECTORY + "comap-inteligen500-g2.yaml";

  /** Caterpillar EMCP 4. */
  public static final String CAT_EMCP4 = DIRECTORY + "cat-emcp4.yaml";

  /** Woodward easYgen-2000 series, data protocol 5100. */
  public static final String WOODWARD_EASYGEN_2000 = DIRECTORY + "woodward-easygen-2000.yaml";

  /**
   * Cameron (Sensia) NuFlo Scanner 2000 microEFM: its documented user-defined register block, with
   * the slot assignment the site sets on the unit.
   */
  public static final String CAMERON_SCANNER_2000 = DIRECTORY + "cameron-scanner-2000.yaml";

  /** ABB Totalflow XSeries: a template, the unit's register list is configured per unit. */
  public static final String ABB_TOTALFLOW_TEMPLATE = DIRECTORY + "abb-totalflow-template.yaml";

  /** Emerson ROC800: a template, the unit's register table is built per unit. */
  public static final String EMERSON_ROC800_TEMPLATE = DIRECTORY + "emerson-roc800-template.yaml";

  private ShippedRegisterMaps() {}

  /** Every shipped map. */
  public static List<String> all() {
    return List.of(
        SIMULATOR_GENERATOR,
        SIMULATOR_GAS_METER,
        DSE_GENCOMM,
        COMAP_INTELILITE4,
        COMAP_INTELIGEN500_G2,
        CAT_EMCP4,
        WOODWARD_EASYGEN_2000,
        CAMERON_SCANNER_2000,
        ABB_TOTALFLOW_TEMPLATE,
        EMERSON_ROC800_TEMPLATE);
  }

  /** True when {@code resource} is one of the shipped maps. */
  public static boolean isShipped(String resource) {
    return all().contains(resource);
  }
}
