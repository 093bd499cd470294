package io.flarewatch.demo.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.demo.LocalSystem;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through Debian's {@code chromedriver} (no driver download),
 * headless, with a fresh profile per run.
 *
 * <p>Without them the tests fail when {@code CI} is set (CI installs both, so a missing browser is
 * a broken CI) and are skipped, saying why and how to install them, on a developer's machine.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;
  private final Path screenshots;
  private final List<Path> taken = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile, Path downloads, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
    this.screenshots = screenshots;
  }

  /** Fails in CI, skips elsewhere, when chromium or chromedriver is missing. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message =
        "browser tests need Debian's chromium and chromedriver at "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      assertTrue(present, message + "; CI must install them (.ci/run)");
    } else {
      Assumptions.assumeTrue(present, "skipped: " + message);
    }
  }

  /**
   * Ends a browser test's fixture, each part only if it was started: lists the screenshots of
   * {@code what} and closes the browser, stops the system and Vert.x, deletes the work directory.
   */
  static void stopAll(String what, Browser browser, LocalSystem system, Vertx vertx, Path dir)
      throws IOException {
    if (browser != null) {
      System.out.println("screenshots of the " + what + ":");
      browser.screenshots().forEach(p -> System.out.println("  " + p.toAbsolutePath()));
      browser.close();
    }
    if (system != null) {
      system.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static Browser start(Path screenshots) {
    try {
      Path profile = Files.createTempDirectory("flarewatch-chromium-profile");
      Path downloads = Files.createTempDirectory("flarewatch-downloads");
      Files.createDirectories(screenshots);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-dev-shm-usage",
          "--lang=en-US",
          "--user-data-dir=" + profile);
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      return new Browser(driver, profile, downloads, screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the viewport (the page's inner size) to width × height CSS pixels. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Number innerW = (Number) driver.executeScript("return window.innerWidth");
    Number innerH = (Number) driver.executeScript("return window.innerHeight");
    driver
        .manage()
        .window()
        .setSize(new Dimension(2 * width - innerW.intValue(), 2 * height - innerH.intValue()));
  }

  /** Saves a screenshot of the viewport as {@code <name>.png} and remembers its file. */
  Path screenshot(String name) {
    try {
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      taken.add(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> screenshots() {
    return List.copyOf(taken);
  }

  WebDriver webDriver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
    deleteTree(profile);
    deleteTree(downloads);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
