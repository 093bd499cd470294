package io.flarewatch.central.ingest;

import io.flarewatch.central.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a gzip body stream-wise into one array, stopping at a limit: a body that would inflate
 * to more is a 413 as soon as the limit is passed, whatever its compressed size; a body that is not
 * gzip (or is cut short) is a 400. Blocking work: run it off the event loop.
 */
final class GzipBody {

  private static final int MIN_FIRST_SIZE = 8 * 1024;
  private static final int READ_SIZE = 64 * 1024;

  private GzipBody() {}

  static BoundedBody inflate(BoundedBody gzip, int maxInflated) {
    byte[] out = new byte[firstSize(gzip, maxInflated)];
    int length = 0;
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(gzip.bytes(), 0, gzip.length()), READ_SIZE)) {
      while (true) {
        if (length == out.length) {
          if (out.length == maxInflated) {
            if (in.read() < 0) {
              break;
            }
            throw BoundedBody.tooLarge(maxInflated);
          }
          out = Arrays.copyOf(out, (int) Math.min(2L * out.length, maxInflated));
        }
        int read = in.read(out, length, out.length - length);
        if (read < 0) {
          break;
        }
        length += read;
      }
    } catch (IOException notGzip) {
      throw ApiException.badRequest(
          "bad-encoding",
          "The body does not decode as its Content-Encoding says (e.g. not gzip, or cut short).");
    }
    return new BoundedBody(out, length);
  }

  /**
   * Sized by the gzip trailer's length of the data (modulo 2^32, of the last member; a hint only),
   * so a body is usually inflated without growing the array.
   */
  private static int firstSize(BoundedBody gzip, int maxInflated) {
    int n = gzip.length();
    if (n < 4) {
      return Math.min(MIN_FIRST_SIZE, maxInflated);
    }
    byte[] b = gzip.bytes();
    long size =
        (b[n - 4] & 0xffL)
            | (b[n - 3] & 0xffL) << 8
            | (b[n - 2] & 0xffL) << 16
            | (b[n - 1] & 0xffL) << 24;
    return (int) Math.min(Math.max(size, MIN_FIRST_SIZE), maxInflated);
  }
}
