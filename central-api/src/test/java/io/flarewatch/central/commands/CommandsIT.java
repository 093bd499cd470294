package io.flarewatch.central.commands;

import static io.flarewatch.central.commands.CommandsFixture.MINERS;
import static io.flarewatch.central.commands.CommandsFixture.OTHER_SITE;
import static io.flarewatch.central.commands.CommandsFixture.SITE;
import static io.flarewatch.central.commands.CommandsFixture.TOKEN;
import static io.flarewatch.central.commands.CommandsFixture.sleepAll;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.TestUsers;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.wire.access.SiteAccessToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command API against a real InfluxDB: issuing (targets, plan, idempotency), the problems of a
 * bad request, who may do what, the state merged from the edge's points as they arrive through
 * ingest, cancel, the audit log, and commands surviving a restart of central.
 */
class CommandsIT {

  private static final String OPERATOR = TestUsers.name(Role.OPERATOR);

  @TempDir static Path directory;
  private static CommandsFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new CommandsFixture(directory, 20);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void issuesASignedCommandWithTheRampPlanAndAnswersARetryWithTheSameCommand() {
    String key = "retry-" + System.nanoTime();
    HttpResponse<Buffer> first = fixture.issue(SITE, OPERATOR, key, sleepAll());
    assertEquals(201, first.statusCode(), first.bodyAsString());
    JsonObject command = first.bodyAsJsonObject();
    String id = command.getString("id");
    assertEquals("/api/v1/sites/" + SITE + "/commands/" + id, first.getHeader("Location"));
    assertEquals("queued", command.getString("state"));
    assertEquals(OPERATOR, command.getString("issuedBy"));
    assertEquals(4, command.getInteger("targets"));
    // 3.2 kW miners, a 10 kW step (10 % of 100 kW rated) per 1 s: three, then one
    JsonArray miners = command.getJsonArray("miners");
    assertEquals(MINERS, miners.stream().map(m -> ((JsonObject) m).getString("miner")).toList());
    assertEquals(
        List.of(0L, 0L, 0L, 1_000L),
        miners.stream().map(m -> ((JsonObject) m).getLong("plannedOffsetMs")).toList());
    assertTrue(
        miners.stream().allMatch(m -> ((JsonObject) m).getString("outcome").equals("pending")));
    // the stored envelope verifies with the published key and says what the answer says
    var envelope =
        io.flarewatch.wire.command.SignedCommand.fromJson(
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .valueToTree(command.getJsonObject("signed").getMap()))
            .verify(fixture.publicKey());
    assertEquals(id, envelope.id());
    assertEquals(MINERS, envelope.targets());

    HttpResponse<Buffer> retry = fixture.issue(SITE, OPERATOR, key, sleepAll());
    assertEquals(200, retry.statusCode(), retry.bodyAsString());
    assertEquals(id, retry.bodyAsJsonObject().getString("id"));
    assertEquals(command.getString("issuedAt"), retry.bodyAsJsonObject().getString("issuedAt"));

    HttpResponse<Buffer> otherBody =
        fixture.issue(
            SITE, OPERATOR, key, new JsonObject().put("action", "wake").put("targets", "all"));
    assertProblem(otherBody, 422, "idempotency-key-reused");
    HttpResponse<Buffer> otherUser =
        fixture.issue(SITE, TestUsers.name(Role.ADMIN), key, sleepAll());
    assertEquals(201, otherUser.statusCode(), "the key is the user's own");
  }

  @Test
  void resolvesListsAndSelectors() {
    JsonObject luxos =
        fixture.command(
            fixture.issued(
                new JsonObject()
                    .put("action", "power_limit")
                    .put("watts", 2_500)
                    .put(
                        "targets",
                        new JsonObject().put("firmware", new JsonArray().add("LUXOS")))));
    assertEquals(List.of("m-04"), minerIds(luxos));
    assertEquals(2_500, luxos.getInteger("watts"));
    JsonObject prefixed =
        fixture.command(
            fixture.issued(
                new JsonObject()
                    .put("action", "wake")
                    .put(
                        "targets",
                        new JsonObject()
                            .put("idPrefix", "m-0")
                            .put("exclude", new JsonArray().add("m-01")))));
    assertEquals(List.of("m-02", "m-03", "m-04"), minerIds(prefixed));
    JsonObject listed =
        fixture.command(
            fixture.issued(
                new JsonObject()
                    .put("action", "sleep")
                    .put("targets", new JsonArray().add("m-03").add("m-01"))
                    .put("staggerSeconds", 60)));
    assertEquals(List.of("m-01", "m-03"), minerIds(listed));
    assertEquals(
        60_000L, listed.getJsonArray("miners").getJsonObject(1).getLong("plannedOffsetMs"));
  }

  @Test
  void badRequestsAreProblemsNamingWhatIsWrong() {
    assertProblem(fixture.issue(SITE, OPERATOR, null, sleepAll()), 400, "missing-idempotency-key");
    assertProblem(
        fixture.issue(SITE, OPERATOR, "x".repeat(129), sleepAll()), 400, "invalid-idempotency-key");
    assertProblem(
        fixture.issue(
            SITE, OPERATOR, new JsonObject().put("action", "reboot").put("targets", "all")),
        400,
        "invalid-command",
        "'action' 'reboot'");
    assertProblem(
        fixture.issue(SITE, OPERATOR, sleepAll().put("watts", 100)),
        400,
        "invalid-command",
        "watts");
    assertProblem(
        fixture.issue(
            SITE, OPERATOR, new JsonObject().put("action", "power_limit").put("targets", "all")),
        400,
        "invalid-command",
        "watts");
    assertProblem(
        fixture.issue(SITE, OPERATOR, sleepAll().put("colour", "red")),
        400,
        "invalid-command",
        "colour");
    assertProblem(
        fixture.issue(SITE, OPERATOR, sleepAll().put("expiresAt", "tomorrow")),
        400,
        "invalid-command",
        "expiresAt");
    assertProblem(
        fixture.issue(
            SITE,
            OPERATOR,
            sleepAll().put("expiresAt", Instant.now().plusSeconds(7_200).toString())),
        400,
        "invalid-command",
        "commands.maxExpirySeconds");
    assertProblem(
        fixture.issue(
            SITE,
            OPERATOR,
            new JsonObject().put("action", "sleep").put("targets", new JsonArray().add("m-99"))),
        422,
        "no-targets",
        "'m-99'");
    assertProblem(
        fixture.issue(
            SITE,
            OPERATOR,
            new JsonObject()
                .put("action", "sleep")
                .put("targets", new JsonObject().put("idPrefix", "x-"))),
        422,
        "no-targets");
    assertProblem(
        fixture.issue(
            SITE,
            OPERATOR,
            sleepAll()
                .put("staggerSeconds", 3_000)
                .put("expiresAt", Instant.now().plusSeconds(600).toString())),
        422,
        "plan-too-long");
    assertProblem(fixture.issue(OTHER_SITE, OPERATOR, sleepAll()), 422, "no-load-step", "ratedKw");
    HttpResponse<Buffer> notJson =
        fixture
            .client
            .post(fixture.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(fixture.token(OPERATOR))
            .putHeader("Idempotency-Key", "k")
            .sendBuffer(Buffer.buffer("{\"action\":\"sleep\",\"action\":\"wake\"}"))
            .await();
    assertProblem(notJson, 400, "invalid-command");
    assertProblem(
        fixture.get("/api/v1/sites/" + SITE + "/commands?state=asleep", OPERATOR),
        400,
        "invalid-parameter");
    assertProblem(
        fixture.get("/api/v1/sites/" + SITE + "/commands/no-such-id", OPERATOR), 404, "not-found");
  }

  @Test
  void aSiteAccessTokenCarriesTheUsersRoleAndSitesSignedWithTheCommandKey() {
    HttpResponse<Buffer> scoped =
        fixture.post("/api/v1/auth/site-token?hours=2", CommandsFixture.SITE_OPERATOR);
    assertEquals(200, scoped.statusCode(), scoped.bodyAsString());
    assertEquals("no-store", scoped.getHeader("Cache-Control"));
    Instant now = Instant.now();
    SiteAccessToken token =
        SiteAccessToken.verify(
            scoped.bodyAsJsonObject().getString("token"),
            List.of(fixture.publicKey()),
            now,
            Duration.ZERO);
    assertEquals(CommandsFixture.SITE_OPERATOR, token.subject());
    assertEquals("OPERATOR", token.role());
    assertEquals(List.of(OTHER_SITE), token.sites());
    assertTrue(token.covers(OTHER_SITE) && !token.covers(SITE));
    Duration lifetime = Duration.between(now, token.expiresAt());
    assertTrue(
        lifetime.compareTo(Duration.ofMinutes(119)) > 0
            && lifetime.compareTo(Duration.ofMinutes(121)) < 0,
        lifetime.toString());
    HttpResponse<Buffer> every =
        fixture.post("/api/v1/auth/site-token", TestUsers.name(Role.ADMIN));
    assertEquals(List.of("*"), every.bodyAsJsonObject().getJsonArray("sites").getList());
    assertProblem(
        fixture.post("/api/v1/auth/site-token?hours=0", TestUsers.name(Role.VIEWER)),
        400,
        "bad-query-parameter",
        "'hours'");
    assertProblem(
        fixture.post("/api/v1/auth/site-token?hours=169", TestUsers.name(Role.VIEWER)),
        400,
        "bad-query-parameter");
  }

  @Test
  void rolesAndSitesAreEnforcedAndASiteTokenCannotIssue() {
    assertProblem(fixture.issue(SITE, TestUsers.name(Role.VIEWER), sleepAll()), 403, "forbidden");
    assertProblem(fixture.issue(SITE, TestUsers.name(Role.ENGINEER), sleepAll()), 403, "forbidden");
    // a site outside the user's sites looks like one that does not exist (404), as on every route
    assertProblem(fixture.issue(SITE, CommandsFixture.SITE_OPERATOR, sleepAll()), 404, "not-found");
    assertProblem(
        fixture.get("/api/v1/sites/" + SITE + "/commands", CommandsFixture.SITE_OPERATOR),
        404,
        "not-found");
    String id = fixture.issued(sleepAll());
    assertProblem(fixture.cancel(id, TestUsers.name(Role.VIEWER)), 403, "forbidden");
    assertProblem(fixture.cancel(id, CommandsFixture.SITE_OPERATOR), 404, "not-found");
    HttpResponse<Buffer> withSiteToken =
        fixture
            .client
            .post(fixture.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .putHeader("Authorization", "Bearer " + TOKEN)
            .putHeader("Idempotency-Key", "site-token")
            .sendBuffer(Buffer.buffer(sleepAll().encode()))
            .await();
    assertProblem(withSiteToken, 401, "unauthorized");
    assertEquals(
        200,
        fixture
            .get("/api/v1/sites/" + SITE + "/commands/" + id, TestUsers.name(Role.VIEWER))
            .statusCode());
  }

  @Test
  void theStateFollowsTheEdgesPointsArrivingThroughIngest() {
    String id = fixture.issued(sleepAll());
    long t = Instant.now().toEpochMilli();
    String tags = ",command=" + id + ",site=" + SITE;
    assertEquals(
        200,
        fixture
            .ingest(SITE, TOKEN, "command_event" + tags + " state=\"delivered\" " + t)
            .statusCode());
    assertEquals("delivered", fixture.command(id).getString("state"));
    String lines =
        "command_event"
            + tags
            + " state=\"executing\" "
            + (t + 1)
            + "\ncommand_miner,command="
            + id
            + ",miner=m-01,site="
            + SITE
            + " outcome=\"sent\",planned_offset_ms=0i "
            + (t + 2)
            + "\ncommand_miner,command="
            + id
            + ",miner=m-01,site="
            + SITE
            + " outcome=\"confirmed\",readback_state=\"sleeping\",attempts=1i "
            + (t + 3)
            + "\ncommand_miner,command="
            + id
            + ",miner=m-02,site="
            + SITE
            + " outcome=\"failed\",error=\"not_applied\",error_detail=\"still hashing\",attempts=3i "
            + (t + 4);
    assertEquals(200, fixture.ingest(SITE, TOKEN, lines).statusCode());
    JsonObject executing = fixture.command(id);
    assertEquals("executing", executing.getString("state"));
    JsonObject m01 = executing.getJsonArray("miners").getJsonObject(0);
    assertEquals("confirmed", m01.getString("outcome"));
    assertEquals("sleeping", m01.getString("readbackState"));
    assertEquals(Instant.ofEpochMilli(t + 2).toString(), m01.getString("sentAt"));
    assertEquals(Instant.ofEpochMilli(t + 3).toString(), m01.getString("finishedAt"));
    JsonObject m02 = executing.getJsonArray("miners").getJsonObject(1);
    assertEquals("failed", m02.getString("outcome"));
    assertEquals("not_applied", m02.getString("error"));
    assertEquals(3, m02.getInteger("attempts"));
    assertEquals("pending", executing.getJsonArray("miners").getJsonObject(2).getString("outcome"));
    assertProblem(fixture.cancel(id, OPERATOR), 409, "not-cancelable", "executing");

    assertEquals(
        200,
        fixture
            .ingest(
                SITE,
                TOKEN,
                "command_event"
                    + tags
                    + " state=\"partially_succeeded\",miners_targeted=4i,miners_confirmed=3i,"
                    + "miners_failed=1i,miners_skipped=0i "
                    + (t + 5))
            .statusCode());
    JsonObject done = fixture.command(id);
    assertEquals("partially_succeeded", done.getString("state"));
    assertEquals(3, done.getJsonObject("counts").getInteger("confirmed"));
    assertEquals(
        List.of("delivered", "executing", "partially_succeeded"),
        done.getJsonArray("events").stream()
            .map(e -> ((JsonObject) e).getString("state"))
            .toList());
    JsonArray history =
        fixture
            .get("/api/v1/sites/" + SITE + "/commands?state=partially_succeeded", OPERATOR)
            .bodyAsJsonObject()
            .getJsonArray("commands");
    assertTrue(history.stream().anyMatch(c -> ((JsonObject) c).getString("id").equals(id)));
    assertTrue(
        history.stream()
            .allMatch(c -> ((JsonObject) c).getString("state").equals("partially_succeeded")));
  }

  /**
   * InfluxDB stores a point's fields one by one, so a read during a write can see some of them
   * (influxdata/influxdb#8546). Writing the points in two parts shows central that moment for as
   * long as it takes to look: the state stays the last whole event's, never null.
   */
  @Test
  void aPointStillBeingWrittenNeverHidesTheState() {
    String id = fixture.issued(sleepAll());
    long t = Instant.now().toEpochMilli();
    String tags = ",command=" + id + ",site=" + SITE;
    String miner = "command_miner,command=" + id + ",miner=m-01,site=" + SITE;
    String half =
        "command_event"
            + tags
            + " state=\"executing\" "
            + t
            + "\ncommand_event"
            + tags
            + " miners_targeted=4i,miners_confirmed=4i,miners_failed=0i,miners_skipped=0i "
            + (t + 2)
            + "\n"
            + miner
            + " readback_state=\"sleeping\",attempts=1i "
            + (t + 1);
    assertEquals(200, fixture.ingest(SITE, TOKEN, half).statusCode());
    JsonObject writing = fixture.command(id);
    assertEquals("executing", writing.getString("state"), writing.encode());
    assertNull(writing.getJsonObject("counts"), writing.encode());
    assertEquals(
        List.of("executing"),
        writing.getJsonArray("events").stream()
            .map(e -> ((JsonObject) e).getString("state"))
            .toList());
    assertEquals("pending", writing.getJsonArray("miners").getJsonObject(0).getString("outcome"));
    JsonArray listed =
        fixture
            .get("/api/v1/sites/" + SITE + "/commands?state=executing", OPERATOR)
            .bodyAsJsonObject()
            .getJsonArray("commands");
    assertTrue(listed.stream().anyMatch(c -> ((JsonObject) c).getString("id").equals(id)));

    String rest =
        "command_event"
            + tags
            + " state=\"succeeded\" "
            + (t + 2)
            + "\n"
            + miner
            + " outcome=\"confirmed\" "
            + (t + 1);
    assertEquals(200, fixture.ingest(SITE, TOKEN, rest).statusCode());
    JsonObject whole = fixture.command(id);
    assertEquals("succeeded", whole.getString("state"));
    assertEquals(4, whole.getJsonObject("counts").getInteger("confirmed"));
    assertEquals("confirmed", whole.getJsonArray("miners").getJsonObject(0).getString("outcome"));
  }

  /** Central's own command point seen before all its fields are: left out, never a 500. */
  @Test
  void aCommandPointStillBeingWrittenIsLeftOutUntilWhole() {
    String issued = fixture.issued(sleepAll());
    String partial = "0b7c2e1a-0000-5000-8000-00000000beef";
    new InfluxClient(fixture.vertx, fixture.config.influx())
        .centralData()
        .write(
            Buffer.buffer(
                "command,action=sleep,command="
                    + partial
                    + ",site="
                    + SITE
                    + " payload=\"{}\",issued_by=\"operator\" "
                    + Instant.now().toEpochMilli()))
        .await();
    HttpResponse<Buffer> one =
        fixture.get("/api/v1/sites/" + SITE + "/commands/" + partial, OPERATOR);
    assertProblem(one, 404, "not-found", partial);
    HttpResponse<Buffer> list = fixture.get("/api/v1/sites/" + SITE + "/commands", OPERATOR);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonArray commands = list.bodyAsJsonObject().getJsonArray("commands");
    assertTrue(commands.stream().anyMatch(c -> ((JsonObject) c).getString("id").equals(issued)));
    assertTrue(commands.stream().noneMatch(c -> ((JsonObject) c).getString("id").equals(partial)));
  }

  @Test
  void aQueuedCommandIsCanceledAndTheCancelAudited() {
    String id = fixture.issued(sleepAll());
    HttpResponse<Buffer> canceled = fixture.cancel(id, OPERATOR);
    assertEquals(200, canceled.statusCode(), canceled.bodyAsString());
    assertEquals("canceled", canceled.bodyAsJsonObject().getString("state"));
    assertEquals(OPERATOR, canceled.bodyAsJsonObject().getJsonObject("cancel").getString("by"));
    assertEquals(200, fixture.cancel(id, OPERATOR).statusCode(), "a second cancel changes nothing");
    assertEquals("canceled", fixture.command(id).getString("state"));

    HttpResponse<Buffer> entries =
        fixture
            .client
            .get(fixture.port(), "127.0.0.1", "/api/v1/audit")
            .addQueryParam("from", Instant.now().minusSeconds(600).toString())
            .addQueryParam("to", Instant.now().plusSeconds(60).toString())
            .addQueryParam("user", OPERATOR)
            .bearerTokenAuthentication(fixture.token(Role.ADMIN))
            .send()
            .await();
    assertEquals(200, entries.statusCode(), entries.bodyAsString());
    List<JsonObject> notes =
        entries.bodyAsJsonArray().stream()
            .map(e -> (JsonObject) e)
            .filter(e -> e.getString("note") != null)
            .toList();
    JsonObject issue =
        notes.stream()
            .filter(e -> e.getString("note").startsWith("issue command " + id))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no audit entry of issuing " + id + ": " + notes));
    assertEquals(SITE, issue.getString("site"));
    assertEquals(0, issue.getInteger("status"));
    assertTrue(
        notes.stream().anyMatch(e -> e.getString("note").startsWith("cancel command " + id)),
        notes.toString());
  }

  @Test
  void commandsAndTheirStateSurviveARestartOfCentral() {
    String id = fixture.issued(sleepAll());
    String keyBefore = fixture.publicKey().toString();
    long t = Instant.now().toEpochMilli();
    fixture.ingest(
        SITE, TOKEN, "command_event,command=" + id + ",site=" + SITE + " state=\"delivered\" " + t);
    fixture.restart();
    JsonObject after = fixture.command(id);
    assertEquals("delivered", after.getString("state"));
    assertEquals(4, after.getJsonArray("miners").size());
    assertEquals(keyBefore, fixture.publicKey().toString());
    HttpResponse<Buffer> list =
        fixture.get("/api/v1/sites/" + SITE + "/commands?limit=1000", OPERATOR);
    assertTrue(
        list.bodyAsJsonObject().getJsonArray("commands").stream()
            .anyMatch(c -> ((JsonObject) c).getString("id").equals(id)));
  }

  @Test
  void aCommandNeverDeliveredInItsWindowIsExpired() {
    String id =
        fixture.issued(
            new JsonObject()
                .put("action", "sleep")
                .put("targets", new JsonArray().add("m-01"))
                .put("expiresAt", Instant.now().plusSeconds(2).toString()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> fixture.command(id).getString("state").equals("expired"));
    assertProblem(fixture.cancel(id, OPERATOR), 409, "not-cancelable", "expired");
  }

  private static List<String> minerIds(JsonObject command) {
    return command.getJsonArray("miners").stream()
        .map(m -> ((JsonObject) m).getString("miner"))
        .toList();
  }

  static void assertProblem(
      HttpResponse<Buffer> response, int status, String type, String... inDetail) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertNotNull(problem.getString("detail"));
    assertTrue(problem.getString("type").endsWith("/" + type), problem.encode());
    for (String expected : inDetail) {
      assertTrue(problem.getString("detail").contains(expected), problem.encode());
    }
  }
}
