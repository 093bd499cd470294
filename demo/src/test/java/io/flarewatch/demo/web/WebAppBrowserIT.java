package io.flarewatch.demo.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.demo.CommandSettings;
import io.flarewatch.demo.CommandSystem;
import io.flarewatch.demo.DemoSite;
import io.flarewatch.demo.LocalSystem;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.MinerState;
import io.flarewatch.simulator.ServedMinerReading;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
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
 * The web app in a real browser against a whole running system (central, a simulated site and its
 * edge, InfluxDB): login per role, the fleet and the site showing the simulator's values, a value
 * changing live without a reload, a report download with its hash, a token refused → back to the
 * login, the tablet layouts (no horizontal scrolling, touch targets of 44 px) and an axe-core pass
 * on every screen; an operator sleeping three miners from the commands screen, a viewer seeing no
 * command controls, and a generator alarm shown as words. Screenshots at 768×1024 go to {@code
 * target/screenshots/}; the page weight and load time are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserIT {

  private static final String SITE = "web-site";
  private static final int MINERS = 60;
  private static final long INTERVAL_MILLIS = 2_000;
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Path dir;
  private InfluxClient influxClient;
  private Vertx vertx;
  private LocalSystem system;
  private Browser browser;
  private String central;
  private WebDriverWait wait;

  @BeforeAll
  void start() throws Exception {
    Browser.requireInstalled();
    dir = Files.createTempDirectory("flarewatch-web-it");
    InfluxTarget influx = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("web");
    vertx = Vertx.vertx();
    system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                        SITE,
                        influx.url(),
                        database,
                        influx.username(),
                        influx.password(),
                        0,
                        DemoSite.simulator(MINERS, 7, CommandSystem.randomLoopbackHost()),
                        INTERVAL_MILLIS,
                        dir.resolve("edge.db"),
                        DemoSite.emissions(),
                        null)
                    .withCommands(CommandSettings.defaults()))
            .await();
    central = "http://127.0.0.1:" + system.central().port();
    influxClient =
        new InfluxClient(
            vertx, new InfluxConfig(influx.url(), database, influx.username(), influx.password()));
    await("the site's first cycles at central")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().pollingStats().cycles() >= 2);
    browser = Browser.start(SCREENSHOTS);
    browser.viewport(768, 1024);
    wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() throws Exception {
    Browser.stopAll("web app", browser, system, vertx, dir);
  }

  @Test
  @Order(1)
  void theLoginPageLoadsAndIsAccessible() {
    browser.driver.get(central + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    wait.until(d -> js().executeScript("return document.readyState").equals("complete"));
    System.out.println(PageWeight.of(js()).describe("central"));
    PageWeight.resources(js()).forEach(r -> System.out.println("  " + r));
    assertTrue(
        (Boolean) js().executeScript("return typeof uPlot === 'function'"),
        "the chart library loads from its WebJar");
    checkScreen("login");
  }

  @Test
  @Order(2)
  void everyRoleLogsInAndSeesTheFleet() {
    for (Role role : Role.values()) {
      logIn(LocalSystem.userOf(role));
      String tile = wait.until(d -> fleetTile().getText());
      assertTrue(tile.contains(SITE), tile);
      assertTrue(
          browser.driver.findElement(By.cssSelector("nav a[href='#/reports']")).isDisplayed(),
          role + " sees the reports");
      browser.driver.findElement(By.id("logout")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }
  }

  @Test
  @Order(3)
  void fleetSiteAndMinerShowTheSimulatorsValues() {
    logIn(LocalSystem.userOf(Role.VIEWER));
    // the fleet's tiles and the site's cards are drawn anew with each update: read them afresh
    wait.until(d -> field(fleetTile(), "miners").equals(MINERS + " / " + MINERS));
    assertEquals(
        "Online", wait.until(d -> fleetTile().findElement(By.cssSelector(".state")).getText()));
    assertEquals("Central", browser.driver.findElement(By.id("source")).getText());
    checkScreen("fleet");

    wait.until(
        d -> {
          fleetTile().click();
          return true;
        });
    wait.until(d -> gridTiles().size() == MINERS);
    WebElement cards = browser.driver.findElement(By.id("site-cards"));
    assertEquals(MINERS + " / " + MINERS, wait.until(d -> field(cards, "miners")));
    double kw = wait.until(d -> number(field(cards, "power_kw")));
    assertTrue(kw > 0, "generator power " + kw);
    wait.until(d -> d.findElements(By.cssSelector(".chart canvas")).size() >= 3);
    checkScreen("site");

    WebElement search = browser.driver.findElement(By.id("miner-search"));
    String someMiner = system.simulator().miners().get(MINERS / 2).id();
    search.sendKeys(someMiner);
    wait.until(d -> gridTiles().size() == 1);
    search.clear();
    new Select(browser.driver.findElement(By.id("miner-sort"))).selectByValue("temp");
    wait.until(d -> gridTiles().size() == MINERS);

    browser.driver.findElement(By.cssSelector("a.miner[data-miner='" + someMiner + "']")).click();
    WebElement hashrate =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-field='hashrate_ths']")));
    double shown = number(hashrate.getText());
    List<ServedMinerReading> served = system.simulator().groundTruth().minerReadings(someMiner);
    assertTrue(
        served.stream().anyMatch(r -> Math.abs(r.hashrateThs() - shown) < 0.006),
        "miner page shows " + shown + " TH/s, which the simulator served: " + served);
    // hashrate and temperature always; power only where the firmware reports it
    wait.until(d -> d.findElements(By.cssSelector(".chart canvas")).size() >= 2);
    checkScreen("miner");
  }

  @Test
  @Order(4)
  void aValueChangesLiveWithoutReload() {
    openSite();
    js().executeScript("window.flarewatchNoReload = true;");
    String first = summaryTime();
    wait.until(d -> !summaryTime().equals(first));
    assertEquals(
        Boolean.TRUE,
        js().executeScript("return window.flarewatchNoReload === true"),
        "the page was not reloaded");
    assertTrue(browser.driver.findElement(By.id("age")).getText().contains("live"));
  }

  @Test
  @Order(5)
  void theLoadLoopsLatestDecisionShowsLiveAsACard() {
    openSite();
    By card = By.cssSelector("#site-cards section[aria-label='Load control']");
    assertTrue(browser.driver.findElements(card).isEmpty(), "the demo's load loop is off");
    // as the edge's loop writes it (edge LoadControlIT runs the loop itself)
    influxClient
        .write(
            Buffer.buffer(
                "control_decision,site="
                    + SITE
                    + " reason=\"shed_gas\",capacity_kw=700.4,target_kw=650.0,load_kw=820.0,"
                    + "miners_slept=2i,miners_woken=0i,miners_limited=1i,miners_overridden=0i "
                    + System.currentTimeMillis()))
        .await();
    WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
    assertEquals("Shed: gas fell", field(shown, "reason"));
    assertEquals("650 kW", field(shown, "target_kw"));
    assertEquals("820 kW", field(shown, "load_kw"));
    assertEquals("700 kW", field(shown, "capacity_kw"));
    assertEquals("3", field(shown, "miners_changed"));
    checkScreen("site-load-control");
  }

  @Test
  @Order(6)
  void aReportDownloadsWithItsHash() throws Exception {
    browser.driver.get(central + "/#/reports");
    WebElement button =
        wait.until(ExpectedConditions.elementToBeClickable(By.id("download-emissions")));
    checkScreen("reports");
    button.click();
    WebElement digest =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-field='digest']")));
    assertTrue(digest.getText().startsWith("sha-256=:"), digest.getText());
    Path file =
        await("the downloaded CSV")
            .atMost(Duration.ofSeconds(30))
            .until(this::downloadedCsv, p -> p != null);
    String expected =
        "sha-256=:"
            + Base64.getEncoder()
                .encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
            + ":";
    assertEquals(expected, digest.getText(), "the header's hash is the downloaded file's");
  }

  @Test
  @Order(7)
  void aRefusedTokenSendsTheUserBackToTheLogin() {
    openSite();
    js().executeScript(
            "const s = JSON.parse(localStorage.getItem('flarewatch.session'));"
                + "s.token = 'not-a-valid-token';"
                + "localStorage.setItem('flarewatch.session', JSON.stringify(s));");
    browser.driver.get(central + "/#/fleet");
    WebElement alert =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p[role=alert]")));
    assertTrue(alert.getText().contains("expired"), alert.getText());
    assertTrue(browser.driver.getCurrentUrl().endsWith("#/login?expired"));
  }

  @Test
  @Order(8)
  void theSiteFitsALandscapeTabletAndReadsInDarkMode() {
    browser.viewport(1280, 800);
    try {
      openSite();
      checkScreen("site-1280x800");
      browser.driver.findElement(By.id("theme")).click();
      assertEquals("dark", js().executeScript("return document.documentElement.dataset.theme"));
      browser.viewport(768, 1024);
      openSite();
      checkScreen("site-dark");
    } finally {
      browser.viewport(768, 1024);
      js().executeScript("localStorage.removeItem('flarewatch.theme')");
    }
  }

  @Test
  @Order(9)
  void aViewerSeesTheCommandHistoryButNoControls() {
    logIn(LocalSystem.userOf(Role.VIEWER));
    browser.driver.get(central + "/#/site/" + SITE);
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.id("site-commands")));
    assertEquals("Commands", link.getText());
    link.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("commands-read-only")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#command-history")));
    for (String control :
        List.of(
            "#command-controls",
            "#command-sleep",
            "#command-wake",
            "#select-shown",
            "button.miner",
            "#command-cancel")) {
      assertEquals(
          List.of(),
          browser.driver.findElements(By.cssSelector(control)),
          "a viewer sees no " + control);
    }
  }

  @Test
  @Order(10)
  void anOperatorSleepsThreeMinersAndSeesEachConfirmed() {
    logIn(LocalSystem.userOf(Role.OPERATOR));
    browser.driver.get(central + "/#/site/" + SITE + "/commands");
    wait.until(d -> d.findElements(By.cssSelector("#miner-grid button.miner")).size() == MINERS);
    List<String> three =
        system.simulator().miners().subList(0, 3).stream().map(m -> m.id()).toList();
    for (String id : three) {
      // the grid is drawn anew with each live update: find the tile afresh until a click lands
      By tile = By.cssSelector("#miner-grid button.miner[data-miner='" + id + "']");
      wait.until(
          d -> {
            d.findElement(tile).click();
            return true;
          });
      wait.until(d -> "true".equals(d.findElement(tile).getDomAttribute("aria-pressed")));
    }
    String summary = browser.driver.findElement(By.id("selection-summary")).getText();
    assertTrue(summary.startsWith("3 miners selected, "), summary);
    checkScreen("commands-768x1024");

    browser.driver.findElement(By.id("command-sleep")).click();
    WebElement text =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-text")));
    assertTrue(
        text.getText()
            .matches("Sleep 3 miners: [0-9.,]+ kW now( \\(\\d without a power reading\\))?, .*"),
        "the confirmation names the count and kW: " + text.getText());
    checkScreen("commands-confirm-768x1024");
    browser.driver.findElement(By.id("confirm-go")).click();

    WebDriverWait untilDone = new WebDriverWait(browser.driver, Duration.ofSeconds(90));
    untilDone.ignoring(StaleElementReferenceException.class);
    untilDone.until(d -> d.findElement(By.id("command-state")).getText().equals("succeeded"));
    for (String id : three) {
      By outcome = By.cssSelector("#command-miners tr[data-miner='" + id + "'] td.state");
      assertEquals("confirmed", wait.until(d -> d.findElement(outcome).getText()), id);
      assertEquals(
          MinerState.SLEEPING,
          system.simulator().snapshot().miner(id).orElseThrow().state(),
          id + " is asleep in the simulator");
    }
    String newest =
        wait.until(
            d -> {
              WebElement row = d.findElement(By.cssSelector("#command-history tbody tr"));
              String state = row.findElement(By.cssSelector("[data-field='state']")).getText();
              return state.equals("succeeded") ? row.getText() : null;
            });
    assertTrue(newest.contains("sleep") && newest.contains(" 3 "), "history row: " + newest);
    browser.viewport(1280, 800);
    try {
      checkScreen("commands-progress-1280x800");
      browser.driver.findElement(By.id("theme")).click();
      checkScreen("commands-dark-1280x800");
    } finally {
      browser.viewport(768, 1024);
      js().executeScript("localStorage.removeItem('flarewatch.theme')");
    }
  }

  @Test
  @Order(11)
  void aGeneratorAlarmShowsAsWords() {
    openSite();
    assertTrue(
        alarmWords().stream().noneMatch(w -> w.equals("engine trip")),
        "no trip before the gas is gone: " + alarmWords());
    system.simulator().faults().gasSupplyDrop(1.0, Duration.ofSeconds(30));
    wait.until(d -> alarmWords().containsAll(List.of("low gas pressure", "engine trip")));
    checkScreen("site-alarm");
  }

  // ---- helpers

  private List<String> alarmWords() {
    return browser.driver.findElements(By.cssSelector("#site-cards ul.words li")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private void logIn(String user) {
    browser.driver.get(central + "/#/login");
    // a stored session sends #/login on to the fleet: forget it first
    js().executeScript("localStorage.removeItem('flarewatch.session')");
    browser.driver.navigate().refresh();
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    name.clear();
    name.sendKeys(user);
    browser.driver.findElement(By.id("password")).sendKeys(system.password());
    browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("#/fleet"));
  }

  private void openSite() {
    if (!browser.driver.getCurrentUrl().startsWith(central)
        || js().executeScript("return localStorage.getItem('flarewatch.session')") == null) {
      logIn(LocalSystem.userOf(Role.OPERATOR));
    }
    browser.driver.get(central + "/#/site/" + SITE);
    browser.driver.navigate().refresh();
    wait.until(d -> gridTiles().size() == MINERS);
  }

  private WebElement fleetTile() {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("a.tile[data-site='" + SITE + "']")));
  }

  private List<WebElement> gridTiles() {
    return browser.driver.findElements(By.cssSelector("#miner-grid a.miner"));
  }

  private String summaryTime() {
    return browser.driver.findElement(By.id("site-cards")).getDomAttribute("data-summary-time");
  }

  private static String field(WebElement scope, String name) {
    return scope.findElement(By.cssSelector("[data-field='" + name + "']")).getText();
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace(",", "").split(" ")[0]);
  }

  private Path downloadedCsv() throws Exception {
    try (Stream<Path> files = Files.list(browser.downloads)) {
      return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
    }
  }

  private JavascriptExecutor js() {
    return browser.driver;
  }

  /** The screen as it is now, checked by {@link ScreenCheck}. */
  private void checkScreen(String name) {
    ScreenCheck.check(browser, name);
  }
}
