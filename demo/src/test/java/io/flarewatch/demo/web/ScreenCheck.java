package io.flarewatch.demo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.openqa.selenium.JavascriptExecutor;

/** What every screen of the web app must pass in the browser tests. */
final class ScreenCheck {

  private ScreenCheck() {}

  /**
   * The screen as it is now: a screenshot at the current size, no horizontal scrolling, every
   * control at least 44 × 44 px, and no serious or critical axe-core violation.
   */
  static void check(Browser browser, String name) {
    JavascriptExecutor page = browser.driver;
    Number width = (Number) page.executeScript("return window.innerWidth");
    Number height = (Number) page.executeScript("return window.innerHeight");
    String size = width + "x" + height;
    browser.screenshot(name.contains("x") ? name : name + "-" + size);
    assertEquals(
        Boolean.FALSE,
        page.executeScript(
            "return document.documentElement.scrollWidth"
                + " > document.documentElement.clientWidth"),
        name + " scrolls horizontally at " + size);
    @SuppressWarnings("unchecked")
    List<String> small =
        (List<String>)
            page.executeScript(
                "return [...document.querySelectorAll("
                    + "'button, select, input, textarea, nav a, a.button, a.miner, a.tile, .brand')]"
                    + ".filter(e => e.offsetParent !== null)"
                    + ".filter(e => { const r = e.getBoundingClientRect();"
                    + " return r.height < 44 || r.width < 44; })"
                    + ".map(e => e.id || e.textContent.trim().slice(0, 20) || e.tagName)");
    assertEquals(List.of(), small, name + ": touch targets under 44 px at " + size);
    @SuppressWarnings("unchecked")
    List<String> overflowing =
        (List<String>)
            page.executeScript(
                "return [...document.querySelectorAll('.card')]"
                    + ".filter(c => c.scrollWidth > c.clientWidth + 1)"
                    + ".map(c => c.querySelector('h2, h1')?.textContent || c.className)");
    assertEquals(List.of(), overflowing, name + ": content wider than its card at " + size);
    List<String> violations = Accessibility.seriousViolations(page);
    assertEquals(
        List.of(),
        violations,
        name.toLowerCase(Locale.ROOT) + ": serious accessibility violations");
  }
}
