package io.flarewatch.central;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reading HTTP/1.1 answers off a plain socket, for tests that must control every byte sent. */
final class RawHttp {

  private RawHttp() {}

  /** The status of the answer whose status line comes next. */
  static int status(InputStream in) throws IOException {
    return Integer.parseInt(readLine(in).split(" ")[1]);
  }

  /** Reads the rest of an answer whose status line was read: headers, then the body. */
  static void skipResponse(InputStream in) throws IOException {
    int length = 0;
    for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).strip());
      }
    }
    in.readNBytes(length);
  }

  static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed after: " + line);
      }
      line.append((char) c);
    }
    return line.toString().strip();
  }
}
