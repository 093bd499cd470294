package io.flarewatch.emissions;

import java.math.BigDecimal;

/**
 * N2O from combustion, the same in the flare and the engine: 98.233(n)(8) equation W-40 with the
 * Subpart C Table C-2 factor, N2O (kg) = V (scf) · HHV (mmBtu/scf) · 1.0e-4 kg/mmBtu.
 */
public final class NitrousOxideEquation {

  /** Subpart C Table C-2 N2O emission factor for natural gas, kg/mmBtu. */
  public static final BigDecimal KG_PER_MMBTU = new BigDecimal("1.0E-4");

  private NitrousOxideEquation() {}

  /** N2O mass in kg from {@code volumeScf} of gas with the given HHV in mmBtu/scf. */
  public static BigDecimal massKg(BigDecimal volumeScf, BigDecimal hhvMmBtuPerScf) {
    return volumeScf.multiply(hhvMmBtuPerScf).multiply(KG_PER_MMBTU);
  }
}
