package io.flarewatch.drivers.modbus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One named value of a device's register map. {@link RegisterMapLoader} builds these from map files
 * with messages naming the entry and key; the checks here guard code that builds them directly.
 *
 * @param name field name, unique within the map
 * @param address first address, 0..65535 (protocol address, zero-based)
 * @param function the table it is read from
 * @param type data type
 * @param byteOrder how its bytes lie in its registers; {@code null} only for {@code bool}
 * @param scale multiplier applied to the raw value (non-zero), exact decimal
 * @param offset added after scaling, exact decimal
 * @param unit engineering unit of the scaled value ("" when it has none)
 * @param length registers of a {@code string}; the type's width otherwise
 * @param bits named bits of a status or alarm word (unsigned integer types only)
 * @param invalid raw values the device sends to say "no value" (integer types only)
 */
public record RegisterDefinition(
    String name,
    int address,
    RegisterFunction function,
    RegisterType type,
    ByteOrder byteOrder,
    BigDecimal scale,
    BigDecimal offset,
    String unit,
    int length,
    List<BitField> bits,
    Set<BigInteger> invalid) {

  public RegisterDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(offset, "offset");
    unit = unit == null ? "" : unit;
    bits = List.copyOf(bits == null ? List.of() : bits);
    invalid = Set.copyOf(invalid == null ? Set.of() : invalid);
    String where = "register '" + name + "': ";
    if (name.isBlank()) {
      throw new IllegalArgumentException("register name must not be blank");
    }
    if ((type == RegisterType.BOOL) != function.isBitTable()) {
      throw new IllegalArgumentException(
          where + "type " + type.key() + " does not fit the " + function.key() + " table");
    }
    if (type == RegisterType.STRING) {
      if (length < 1 || length > RegisterMap.PROTOCOL_MAX_REGISTERS) {
        throw new IllegalArgumentException(where + "string length must be 1..125, got " + length);
      }
    } else {
      length = type == RegisterType.BOOL ? 1 : type.words();
    }
    if (address < 0 || address + length - 1 > 65535) {
      throw new IllegalArgumentException(
          where + "address " + address + " puts it outside 0..65535");
    }
    if (type == RegisterType.BOOL ? byteOrder != null : byteOrder == null) {
      throw new IllegalArgumentException(
          where + "byteOrder is " + (byteOrder == null ? "required" : "not allowed") + " here");
    }
    if (byteOrder != null && byteOrder.wordsReversed() && wordsOf(type, length) == 1) {
      throw new IllegalArgumentException(where + byteOrder + " does not apply to one register");
    }
    if (scale.signum() == 0) {
      throw new IllegalArgumentException(where + "scale must not be zero");
    }
    boolean plain = scale.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0;
    if (!type.isNumber() && !plain) {
      throw new IllegalArgumentException(where + "scale and offset apply to numbers only");
    }
    if (!bits.isEmpty() && (!type.isUnsigned() || !plain)) {
      throw new IllegalArgumentException(
          where + "bits need an unsigned integer type without scale or offset");
    }
    for (BitField field : bits) {
      if (field.bit() + field.width() > 16 * type.words()) {
        throw new IllegalArgumentException(
            where + "bit field '" + field.name() + "' lies outside the " + type.key());
      }
    }
    if (!invalid.isEmpty() && !type.isInteger()) {
      throw new IllegalArgumentException(where + "invalid values apply to integer types only");
    }
  }

  /** A number with scale and offset and no bits or sentinels. */
  public static RegisterDefinition number(
      String name,
      int address,
      RegisterFunction function,
      RegisterType type,
      ByteOrder byteOrder,
      double scale,
      double offset,
      String unit) {
    return new RegisterDefinition(
        name,
        address,
        function,
        type,
        byteOrder,
        BigDecimal.valueOf(scale),
        BigDecimal.valueOf(offset),
        unit,
        0,
        List.of(),
        Set.of());
  }

  /** Addresses the value occupies: registers, or 1 for a coil or discrete input. */
  public int size() {
    return length;
  }

  /** Address of the last register (or bit) this value occupies. */
  public int lastAddress() {
    return address + length - 1;
  }

  /** True when the raw value is plain: scale 1 and offset 0. */
  public boolean isUnscaled() {
    return scale.compareTo(BigDecimal.ONE) == 0 && offset.signum() == 0;
  }

  private static int wordsOf(RegisterType type, int length) {
    return type == RegisterType.STRING ? 1 : type.words();
  }
}
