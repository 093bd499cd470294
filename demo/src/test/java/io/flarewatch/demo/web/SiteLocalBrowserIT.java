package io.flarewatch.demo.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.demo.CommandSettings;
import io.flarewatch.demo.DemoSite;
import io.flarewatch.demo.LocalSystem;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The edge's own copy of the web app in a real browser, with central stopped: the page loads from
 * the edge (its load time and weight printed), says it is site-local (and offers no offline token),
 * a local account and a token got from central's app (its "Offline access" screen) before central
 * stopped both log in, the site's values change live from the edge's own cycles, and a local
 * command runs on the simulator's miner. Screenshot {@code
 * target/screenshots/site-local-768x1024.png} and {@code offline-access-768x1024.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteLocalBrowserIT {

  private static final String SITE = "local-site";
  private static final int MINERS = 24;
  private static final long INTERVAL_MILLIS = 2_000;
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Path dir;
  private Vertx vertx;
  private LocalSystem system;
  private Browser browser;
  private WebDriverWait wait;
  private String edge;
  private String centralSiteToken;

  @BeforeAll
  void start() throws Exception {
    Browser.requireInstalled();
    dir = Files.createTempDirectory("flarewatch-site-local-it");
    InfluxTarget influx = InfluxTestServer.shared();
    vertx = Vertx.vertx();
    system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                        SITE,
                        influx.url(),
                        InfluxTestServer.uniqueDatabase("sitelocal"),
                        influx.username(),
                        influx.password(),
                        0,
                        DemoSite.simulator(MINERS, 11, "127.0.23.1"),
                        INTERVAL_MILLIS,
                        dir.resolve("edge.db"),
                        DemoSite.emissions(),
                        null)
                    .withCommands(CommandSettings.defaults()))
            .await();
    edge = "http://127.0.0.1:" + system.edge().localAppPort().orElseThrow();
    await("the edge's first cycles")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().pollingStats().cycles() >= 2);
    browser = Browser.start(SCREENSHOTS);
    browser.viewport(768, 1024);
    wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    // a token the user got from central's app while central was up, kept for when it is not
    centralSiteToken = offlineTokenFromCentralsApp();
    system.stopCentral().await();
  }

  /**
   * Logs in to central's app, opens "Offline access" from the header, gets a token valid 24 h and
   * reads it from the page; checks the page says which sites it covers and passes the screen checks
   * (screenshot {@code offline-access-768x1024.png}).
   */
  private String offlineTokenFromCentralsApp() {
    String central = "http://127.0.0.1:" + system.central().port();
    logIn(central, LocalSystem.USER, system.password());
    wait.until(ExpectedConditions.urlContains("#/fleet"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("offline-link"))).click();
    new Select(wait.until(d -> d.findElement(By.id("offline-hours")))).selectByValue("24");
    browser.driver.findElement(By.id("offline-token-get")).click();
    WebElement area =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-token")));
    String token = area.getDomProperty("value");
    assertTrue(token.startsWith("fws1."), token);
    JsonObject claims =
        new JsonObject(
            new String(
                Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    assertEquals(24 * 3600L, claims.getLong("exp") - claims.getLong("iat"), claims.encode());
    assertEquals(new JsonArray().add("*"), claims.getJsonArray("sites"));
    assertEquals(
        "All sites", browser.driver.findElement(By.cssSelector("[data-field='sites']")).getText());
    browser.driver.findElement(By.id("offline-token-copy")).click();
    wait.until(
        d -> !d.findElement(By.cssSelector(".offline-token [role=status]")).getText().isEmpty());
    ScreenCheck.check(browser, "offline-access-768x1024");
    return token;
  }

  @AfterAll
  void stop() throws Exception {
    Browser.stopAll("site-local app", browser, system, vertx, dir);
  }

  @Test
  @Order(1)
  void theAppLoadsFromTheEdgeWithCentralStoppedAndSaysSo() {
    browser.driver.get(edge + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    wait.until(d -> js().executeScript("return document.readyState").equals("complete"));
    System.out.println(PageWeight.of(js()).describe("edge just started, central stopped"));
    PageWeight.resources(js()).forEach(r -> System.out.println("  " + r));
    // as a tablet's first visit to an edge that has been running: the edge warm, the cache empty
    browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    browser.driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    wait.until(d -> js().executeScript("return document.readyState").equals("complete"));
    System.out.println(PageWeight.of(js()).describe("edge warm, central stopped"));
    String badge = wait.until(d -> visibleText("source"));
    assertTrue(badge.startsWith("Site-local"), badge);
  }

  @Test
  @Order(2)
  void aLocalAccountLogsInAndTheSiteUpdatesLiveFromTheEdge() {
    logIn(LocalSystem.FIELD_USER, system.password());
    wait.until(ExpectedConditions.urlContains("#/site/" + SITE));
    wait.until(d -> gridTiles().size() == MINERS);
    js().executeScript("window.flarewatchNoReload = true;");
    String first = summaryTime();
    wait.until(d -> !summaryTime().equals(first));
    assertEquals(Boolean.TRUE, js().executeScript("return window.flarewatchNoReload === true"));
    String badge = visibleText("source");
    assertTrue(badge.matches("Site-local · data \\d+ s old"), badge);
    assertTrue(visibleText("age").contains("live"), visibleText("age"));
    assertEquals(null, visibleText("offline-link"), "offline tokens come from central only");
    browser.screenshot("site-local-768x1024");
  }

  @Test
  @Order(3)
  void aTokenCentralSignedEarlierLogsInOffline() {
    browser.driver.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    WebElement details = wait.until(d -> d.findElement(By.cssSelector("details.site-token")));
    details.findElement(By.tagName("summary")).click();
    browser.driver.findElement(By.id("site-token")).sendKeys(centralSiteToken);
    browser.driver.findElement(By.id("site-token-login")).click();
    wait.until(ExpectedConditions.urlContains("#/site/" + SITE));
    wait.until(d -> gridTiles().size() == MINERS);
  }

  @Test
  @Order(4)
  void aLocalCommandRunsOnTheMinerWithCentralStopped() {
    String token =
        (String)
            js().executeScript(
                    "return JSON.parse(localStorage.getItem('flarewatch.session')).token");
    String miner = system.simulator().miners().get(0).id();
    WebClient client = WebClient.create(vertx);
    int port = system.edge().localAppPort().orElseThrow();
    var issued =
        client
            .post(port, "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(token)
            .sendJsonObject(
                new JsonObject().put("action", "sleep").put("targets", new JsonArray().add(miner)))
            .await();
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    String id = issued.bodyAsJsonObject().getString("id");
    await("the local command confirmed by read-back")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonObject listed =
                  client
                      .get(port, "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
                      .bearerTokenAuthentication(token)
                      .send()
                      .await()
                      .bodyAsJsonObject();
              return listed.getJsonArray("commands").stream()
                  .map(JsonObject.class::cast)
                  .filter(c -> c.getString("id").equals(id))
                  .anyMatch(
                      c ->
                          c.getString("state").equals("finished")
                              && c.getJsonObject("miners").getInteger("confirmed", 0) == 1
                              && c.getString("origin").equals("site-local"));
            });
  }

  private void logIn(String user, String password) {
    logIn(edge, user, password);
  }

  private void logIn(String app, String user, String password) {
    browser.driver.get(app + "/#/login");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    name.clear();
    name.sendKeys(user);
    browser.driver.findElement(By.id("password")).sendKeys(password);
    browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  private String visibleText(String id) {
    WebElement element = browser.driver.findElement(By.id(id));
    return element.isDisplayed() ? element.getText() : null;
  }

  private List<WebElement> gridTiles() {
    return browser.driver.findElements(By.cssSelector("#miner-grid a.miner"));
  }

  private String summaryTime() {
    return browser.driver.findElement(By.id("site-cards")).getDomAttribute("data-summary-time");
  }

  private JavascriptExecutor js() {
    return browser.driver;
  }
}
