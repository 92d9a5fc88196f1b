package dev.oncall.acceptance.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (both paths given, so Selenium
 * Manager downloads nothing) and unable to resolve any host but localhost: a page that needed a
 * CDN would break. Where either binary is missing the story is skipped, visibly, with what to
 * install ({@code .ci/run} installs them on CI).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where every story leaves its screenshots for a reviewer (and docs/dashboard.md). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser (its own profile: nothing signed in); skips the story without Chromium. */
    public static Browser open() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser story skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public void go(String url) {
        driver.get(url);
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** The first value {@code probe} finds on the page before the deadline (the page changes under it). */
    public <T> T await(String what, Duration timeout, Function<ChromeDriver, Optional<T>> probe) {
        try {
            return Poll.value(what, timeout, () -> {
                try {
                    return probe.apply(driver);
                } catch (WebDriverException e) {
                    return Optional.empty();
                }
            });
        } catch (AssertionError e) {
            // What the page showed when the story gave up, for whoever reads the failure.
            Path shot = screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            String text;
            try {
                text = driver.findElement(By.tagName("body")).getText();
            } catch (WebDriverException unreadable) {
                text = "(page unreadable: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError(e.getMessage() + "; screenshot " + shot + "; the page read:\n" + text, e);
        }
    }

    public WebElement await(String what, By by) {
        return await(what, Poll.DEFAULT, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst());
    }

    /** Waits until the element {@code by} shows {@code text}. */
    public WebElement awaitText(By by, String text) {
        return await("\"" + text + "\" in " + by, Poll.DEFAULT, d -> d.findElements(by).stream()
                .filter(e -> e.getText().contains(text)).findFirst());
    }

    /** Finds and clicks in one go: the page may redraw the element between the two. */
    public void click(String what, By by) {
        await(what, Poll.DEFAULT, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().map(e -> {
            e.click();
            return true;
        }));
    }

    /** Runs {@code js} in the page and returns its value (e.g. what sessionStorage holds). */
    public Object script(String js) {
        return driver.executeScript(js);
    }

    /** Runs a Chrome DevTools Protocol command (for the dashboard benchmark: caches, metrics). */
    public java.util.Map<String, Object> devTools(String command, java.util.Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).forEach(e -> System.out.println("BROWSER " + e));
        } catch (RuntimeException e) {
            System.out.println("BROWSER log unavailable " + e);
        }
        driver.quit();
    }
}
