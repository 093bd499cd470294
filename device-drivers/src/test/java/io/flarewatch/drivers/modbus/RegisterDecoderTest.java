package io.flarewatch.drivers.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterDecoderTest {

  private static RegisterDefinition register(
      String type, String wordOrder, double scale, double offset) {
    RegisterType registerType = RegisterType.fromKey(type).orElseThrow();
    ByteOrder order =
        wordOrder == null ? ByteOrder.ABCD : ByteOrder.fromWordOrder(wordOrder).orElseThrow();
    return RegisterDefinition.number(
        "value", 0, RegisterFunction.HOLDING, registerType, order, scale, offset, "u");
  }

  private static int[] words(String hexWords) {
    return Arrays.stream(hexWords.trim().split("\\s+"))
        .mapToInt(w -> Integer.parseInt(w.substring(2), 16))
        .toArray();
  }

  @ParameterizedTest(name = "{0} {1} [{2}] x{3} +{4} = {5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // type | word order | words (lowest address first) | scale | offset | expected
        "uint16  | -      | 0x0000        | 1    | 0   | 0",
        "uint16  | -      | 0xFFFF        | 1    | 0   | 65535",
        "uint16  | -      | 0x0258        | 0.1  | -40 | 20",
        "int16   | -      | 0x7FFF        | 1    | 0   | 32767",
        "int16   | -      | 0xFFFF        | 1    | 0   | -1",
        "int16   | -      | 0x8000        | 1    | 0   | -32768",
        "int16   | -      | 0xFF38        | 0.1  | 0   | -20",
        "int32   | big    | 0x0001 0x0000 | 1    | 0   | 65536",
        "int32   | little | 0x0000 0x0001 | 1    | 0   | 65536",
        "int32   | big    | 0xFFFF 0xFFFE | 1    | 0   | -2",
        "int32   | little | 0xFFFE 0xFFFF | 1    | 0   | -2",
        "int32   | big    | 0x8000 0x0000 | 1    | 0   | -2147483648",
        "int32   | big    | 0x7FFF 0xFFFF | 1    | 0   | 2147483647",
        "uint32  | big    | 0x8000 0x0000 | 1    | 0   | 2147483648",
        "uint32  | little | 0x0000 0x8000 | 1    | 0   | 2147483648",
        "uint32  | big    | 0xFFFF 0xFFFF | 1    | 0   | 4294967295",
        "uint32  | big    | 0x1234 0x5678 | 1    | 0   | 305419896",
        "uint32  | little | 0x5678 0x1234 | 1    | 0   | 305419896",
        "uint32  | big    | 0x0001 0x86A0 | 0.1  | 0   | 10000",
        "float32 | big    | 0x4148 0x0000 | 1    | 0   | 12.5",
        "float32 | little | 0x0000 0x4148 | 1    | 0   | 12.5",
        "float32 | big    | 0xC148 0x0000 | 1    | 0   | -12.5",
        "float32 | big    | 0x3F80 0x0000 | 2    | 1   | 3",
        "float32 | big    | 0x0000 0x0000 | 1    | 0   | 0",
        "float32 | little | 0xE979 0xC2F6 | 1    | 0   | -123.456",
      })
  void decodesEveryTypeAndWordOrder(
      String type,
      String wordOrder,
      String hexWords,
      double scale,
      double offset,
      double expected) {
    double actual =
        RegisterDecoder.decode(register(type, wordOrder, scale, offset), words(hexWords));
    assertEquals(expected, actual, 1e-9);
  }

  /** A map entry as the loader reads it, so the scale is the decimal written in the file. */
  private static RegisterDefinition loaded(String type, String scale, String offset) {
    return RegisterMapLoader.fromJson(
            "{\"device\":\"d\",\"maxRegistersPerRequest\":8,\"registers\":[{\"name\":\"v\","
                + "\"address\":0,\"function\":\"holding\",\"type\":\""
                + type
                + "\",\"wordOrder\":\"big\",\"scale\":"
                + scale
                + ",\"offset\":"
                + offset
                + ",\"unit\":\"u\"}]}")
        .registers()
        .get(0);
  }

  @ParameterizedTest(name = "{0} x {2} + {3} = {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // words | type | scale | offset | exactly
        "0x0000 0x0003 | uint32 | 0.1      | 0     | 0.3",
        "0x0000 0x03F5 | uint32 | 0.1      | 0     | 101.3",
        "0x0608 0x3080 | uint32 | 0.000001 | 0     | 101.2",
        "0x0000 0x0007 | int32  | 0.1      | -40   | -39.3",
        "0xFFFF 0xFFF9 | int32  | 0.1      | 0     | -0.7",
        "0x42CA 0x6666 | float32 | 1       | 0     | 101.2",
      })
  void scalingIsExactInDecimal(
      String hexWords, String type, String scale, String offset, double exactly) {
    double value = RegisterDecoder.decode(loaded(type, scale, offset), words(hexWords));

    assertEquals(exactly, value, 0.0, "the nearest double to the exact decimal");
  }

  @Test
  void float32NanStaysNanAfterScaling() {
    double value =
        RegisterDecoder.decode(register("float32", "big", 10, 5), words("0x7FC0 0x0000"));
    assertTrue(Double.isNaN(value));
  }

  @Test
  void float32InfinityIsNotFinite() {
    double value =
        RegisterDecoder.decode(register("float32", "little", 1, 0), words("0x0000 0xFF80"));
    assertEquals(Double.NEGATIVE_INFINITY, value);
  }

  @Test
  void wrongWordCountIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RegisterDecoder.decode(register("uint32", "big", 1, 0), words("0x0001")));
    assertEquals("uint32 'value' needs 2 register word(s), got 1", e.getMessage());
  }

  @Test
  void wordOutOfRangeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RegisterDecoder.decode(register("uint16", null, 1, 0), new int[] {70000}));
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
  }
}
