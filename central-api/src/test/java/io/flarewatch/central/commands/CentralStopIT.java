package io.flarewatch.central.commands;

import static io.flarewatch.central.commands.CommandsFixture.SITE;
import static io.flarewatch.central.commands.CommandsFixture.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.IngestConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop of central closes its long-lived streams at once, telling the other side to come back (the
 * edge's command stream a WebSocket close 1001 "going away", a browser's live view the end of its
 * event stream), while an ordinary request in progress still gets its answer within the grace.
 */
class CentralStopIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path directory;
  private CommandsFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void stopClosesTheStreamsAtOnceAndLetsAnIngestInProgressFinish() throws Exception {
    // one decoding slot: a second batch is refused while the first is being read, which shows
    // that central holds the first before it is told to stop
    fixture = new CommandsFixture(directory, 20, new IngestConfig(null, null, 1, null));
    List<String> events = new CopyOnWriteArrayList<>();

    CommandsFixture.Edge edge = fixture.connect(SITE, TOKEN);
    edge.socket.closeHandler(
        v -> events.add("command stream closed " + edge.socket.closeStatusCode()));

    HttpClient http = fixture.vertx.createHttpClient();
    HttpClientResponse live =
        http.request(
                new RequestOptions()
                    .setHost("127.0.0.1")
                    .setPort(fixture.port())
                    .setURI("/api/v1/sites/" + SITE + "/live")
                    .putHeader("Authorization", "Bearer " + fixture.token(Role.VIEWER)))
            .compose(HttpClientRequest::send)
            // on the event loop as the head arrives: an end cannot come before it is watched
            .map(
                response -> {
                  response
                      .end()
                      .onComplete(
                          ended ->
                              events.add(
                                  ended.succeeded() ? "live view ended" : "live view broken"));
                  return response;
                })
            .await();
    assertEquals(200, live.statusCode());

    byte[] batch =
        ("miner,firmware=braiins_os,miner=m-01,site=well-1 up=1i,power_w=3100 "
                + Instant.now().toEpochMilli()
                + "\n")
            .getBytes(StandardCharsets.UTF_8);
    int half = batch.length / 2;
    HttpClientRequest ingest =
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost("127.0.0.1")
                    .setPort(fixture.port())
                    .setURI("/api/v1/sites/" + SITE + "/samples")
                    .putHeader("Authorization", "Bearer " + TOKEN)
                    .putHeader("Content-Type", "text/plain")
                    .putHeader("Content-Length", String.valueOf(batch.length)))
            .await();
    Future<JsonObject> ingestAnswer =
        ingest
            .response()
            .compose(
                response ->
                    response
                        .body()
                        .map(
                            body ->
                                new JsonObject()
                                    .put("status", response.statusCode())
                                    .put("body", body.toString())));
    ingest.write(Buffer.buffer(batch).getBuffer(0, half)).await();
    await().atMost(WAIT).until(() -> fixture.ingest(SITE, TOKEN, "").statusCode() == 503);

    Future<Void> stopped = fixture.central.stop();
    await().atMost(WAIT).until(() -> events.size() == 2);
    assertTrue(
        events.containsAll(List.of("command stream closed 1001", "live view ended")),
        events.toString());
    assertEquals("central is stopping", edge.socket.closeReason());
    assertFalse(stopped.isComplete(), "the stop waits for the batch still being sent");

    ingest.end(Buffer.buffer(batch).getBuffer(half, batch.length)).await();
    JsonObject answer = ingestAnswer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(200, answer.getInteger("status"), answer.encode());
    assertEquals(1, new JsonObject(answer.getString("body")).getInteger("accepted"));
    stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
