package io.flarewatch.drivers.miner.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Vectors computed outside Java, following pyasic's {@code btminer.py} steps with the tools
 * MicroBT's API document names: {@code openssl passwd -1 -salt <salt> <word>} (md5-crypt; the hash
 * part after the third {@code $}), {@code sha256sum} of the key's characters, and {@code openssl
 * enc -aes-256-ecb -K <hex> -nopad} of the text padded with NUL bytes to 16, then {@code base64
 * -w0}. The commands are in the module README.
 */
class WhatsminerCryptoTest {

  private static final String POWER_OFF_JSON =
      "{\"cmd\": \"power_off\", \"respbefore\": \"true\", \"token\": \"p1R.pv8NZaGa6gzCYQxVI1\"}";
  private static final String POWER_OFF_BASE64 =
      "YJracrWpLn2XvqWuNiNqyg70K64pfivIJhwE32DXNCeyv4iYIDyJ6mJuwbGpytIyIQp90ak8phI/nKtSyn6nRkW9zyIrwg6yG7E5gOCQ+e0=";
  private static final String OK_REPLY_JSON =
      "{\"STATUS\":\"S\",\"When\":1700000000,\"Code\":131,\"Msg\":\"API command OK\",\"Description\":\"\"}";
  private static final String OK_REPLY_BASE64 =
      "Cegb7ejlwuGwe4H9Q9d2P7mg27eN/7andskFVbAimYZZwXDJylnO04my381YvS7GO+UJnklBIL7cJFC0WS7JMs1QP6ksBvLjVPRwh2l2QQK57K1Iie3/8J+HVyGSpOnY";

  @Test
  void keyIsTheHashPartOfMd5Crypt() {
    // openssl passwd -1 -salt BQ5hoXV9 admin -> $1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81
    assertEquals("RxmaDUO33TS7O26yeMHZ81", WhatsminerCrypto.md5CryptHash("admin", "BQ5hoXV9"));
    assertEquals("qhIw8s8irKzCxKtiOJyaJ0", WhatsminerCrypto.md5CryptHash("Flare_1", "5QAHiKMb"));
  }

  @Test
  void tokenGivesTheSignAndTheAesKey() {
    WhatsminerCrypto.Token token = WhatsminerCrypto.token("admin", "8521", "BQ5hoXV9", "NFGKhGNM");
    assertEquals("p1R.pv8NZaGa6gzCYQxVI1", token.sign());
    assertArrayEquals(
        HexFormat.of().parseHex("199e0a202039bb7b558db7a54697dca29cb278055b7e659a127fb844d5a2fbf6"),
        token.aesKey());
    WhatsminerCrypto.Token other =
        WhatsminerCrypto.token("Flare_1", "0000", "5QAHiKMb", "kowEj187");
    assertEquals("TSux5iJm9CGngnIRj09FK.", other.sign());
    assertArrayEquals(
        HexFormat.of().parseHex("19343c50a75f91950b320f3981d25b6da69a96a015563f1c7a5c475685fa8cb1"),
        other.aesKey());
  }

  @Test
  void encryptsWithNulPaddingLikeOpenssl() {
    byte[] key = WhatsminerCrypto.token("admin", "8521", "BQ5hoXV9", "NFGKhGNM").aesKey();
    assertEquals(POWER_OFF_BASE64, WhatsminerCrypto.encrypt(key, POWER_OFF_JSON));
  }

  @Test
  void decryptsAReplyAndDropsThePadding() {
    byte[] key = WhatsminerCrypto.token("Flare_1", "0000", "5QAHiKMb", "kowEj187").aesKey();
    assertEquals(
        OK_REPLY_JSON,
        new String(WhatsminerCrypto.decrypt(key, OK_REPLY_BASE64), StandardCharsets.UTF_8));
  }

  @Test
  void wrongPasswordDecryptsToGarbage() {
    byte[] wrong = WhatsminerCrypto.token("admin2", "0000", "5QAHiKMb", "kowEj187").aesKey();
    String text =
        new String(WhatsminerCrypto.decrypt(wrong, OK_REPLY_BASE64), StandardCharsets.UTF_8);
    assertFalse(text.contains("API command OK"), text);
  }

  @Test
  void badInputIsNamed() {
    byte[] key = WhatsminerCrypto.aesKey("k");
    IllegalArgumentException notBase64 =
        assertThrows(IllegalArgumentException.class, () -> WhatsminerCrypto.decrypt(key, "%%%"));
    assertTrue(notBase64.getMessage().contains("base64"), notBase64.getMessage());
    IllegalArgumentException partial =
        assertThrows(IllegalArgumentException.class, () -> WhatsminerCrypto.decrypt(key, "AAAA"));
    assertTrue(partial.getMessage().contains("16-byte blocks"), partial.getMessage());
    IllegalArgumentException salt =
        assertThrows(
            IllegalArgumentException.class, () -> WhatsminerCrypto.md5CryptHash("x", "has$dollar"));
    assertTrue(salt.getMessage().contains("salt"), salt.getMessage());
  }
}
