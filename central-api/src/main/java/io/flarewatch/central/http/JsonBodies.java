package io.flarewatch.central.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;

/**
 * Request bodies read as one JSON object, strictly: a key given twice is refused rather than the
 * last one silently winning (two parsers along the way could otherwise each see a different value),
 * and so is anything after the object.
 */
public final class JsonBodies {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonBodies() {}

  /**
   * The body as a JSON object; otherwise a 400 problem of {@code problemType} whose detail says
   * {@code expected}.
   */
  public static JsonObject object(RoutingContext ctx, String problemType, String expected) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest(problemType, "The body is empty. " + expected);
    }
    try {
      Map<?, ?> object = STRICT.readValue(body.getBytes(), Map.class);
      if (object == null) {
        throw ApiException.badRequest(problemType, expected);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) object;
      return new JsonObject(fields);
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          problemType, "The body is not one JSON object with each key once. " + expected);
    } catch (IOException e) {
      throw ApiException.badRequest(problemType, expected);
    }
  }
}
