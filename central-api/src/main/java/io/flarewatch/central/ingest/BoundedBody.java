package io.flarewatch.central.ingest;

import io.flarewatch.central.http.ApiException;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Arrays;

/**
 * A request body read into one array, at most a given number of bytes and within a given time: one
 * byte more is a 413, a body still incomplete when the time is up a 408 (the caller answers and
 * closes the connection; what still arrives is not kept).
 *
 * @param bytes the body is {@code bytes[0, length)}
 * @param length how many bytes the body holds
 */
record BoundedBody(byte[] bytes, int length) {

  private static final int FIRST_CHUNK = 16 * 1024;

  /** The body as a buffer for InfluxDB, sharing the array. */
  Buffer buffer() {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
  }

  /** Reads the body of a request whose head has just arrived. */
  static Future<BoundedBody> read(
      Vertx vertx, HttpServerRequest request, int maxBytes, long timeoutMillis) {
    Reader reader = new Reader(maxBytes, expectedLength(request, maxBytes));
    Promise<BoundedBody> body = Promise.promise();
    long timer =
        vertx.setTimer(
            timeoutMillis,
            t ->
                body.tryFail(
                    new ApiException(
                        408,
                        "body-timeout",
                        "Request timeout",
                        "The body did not arrive within "
                            + timeoutMillis / 1000
                            + " s of the request's head.")));
    request
        .handler(
            chunk -> {
              if (!reader.append(chunk)) {
                body.tryFail(tooLarge(maxBytes));
              }
            })
        .exceptionHandler(body::tryFail)
        .endHandler(end -> body.tryComplete(new BoundedBody(reader.bytes, reader.length)));
    return body.future().andThen(done -> vertx.cancelTimer(timer));
  }

  static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        413,
        "body-too-large",
        "Payload too large",
        "The body is larger than " + maxBytes + " bytes; send fewer lines per request.");
  }

  private static int expectedLength(HttpServerRequest request, int maxBytes) {
    String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return header == null ? FIRST_CHUNK : (int) Math.min(Long.parseLong(header), maxBytes);
    } catch (NumberFormatException notANumber) {
      return FIRST_CHUNK;
    }
  }

  /** Collects chunks into one array, growing it up to the limit. */
  private static final class Reader {
    private final int maxBytes;
    private byte[] bytes;
    private int length;

    Reader(int maxBytes, int expected) {
      this.maxBytes = maxBytes;
      this.bytes = new byte[Math.max(expected, 1)];
    }

    /** Appends the chunk; false when it would take the body past the limit. */
    boolean append(Buffer chunk) {
      int size = chunk.length();
      if (size > maxBytes - length) {
        return false;
      }
      if (size > bytes.length - length) {
        long grown = Math.max(length + (long) size, 2L * bytes.length);
        bytes = Arrays.copyOf(bytes, (int) Math.min(grown, maxBytes));
      }
      chunk.getBytes(0, size, bytes, length);
      length += size;
      return true;
    }
  }
}
