package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (never a downloaded one): opens the
 * console's pages, waits for what they show, runs axe-core in the page and saves screenshots under
 * {@code target/screenshots}. Runs as root in CI, hence no sandbox.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    Browser(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("/usr/bin/chromedriver")).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    private static String executable(String path) {
        assertThat(Path.of(path)).as("Debian's chromium and chromium-driver (installed by .ci/run)").isExecutable();
        return path;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String hash) {
        driver.get(ItServer.base().resolve("#" + hash).toString());
    }

    /** Goes to another page of the console without reloading it. */
    void go(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash);
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void awaitTitle(String start) {
        new WebDriverWait(driver, WAIT).until(d -> d.getTitle().startsWith(start));
    }

    /** The violations axe-core finds in the page as it is now whose impact is serious or critical. */
    @SuppressWarnings("unchecked")
    List<String> seriousViolations() {
        driver.executeScript(axe());
        Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(done, e => done({violations: [], error: String(e)}));");
        assertThat(results.get("error")).as("axe-core's run").isNull();
        return ((List<Map<String, Object>>) results.get("violations")).stream()
                .filter(v -> List.of("serious", "critical").contains(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at "
                        + ((List<Map<String, Object>>) v.get("nodes")).stream().map(n -> String.valueOf(n.get("target"))).toList())
                .toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a walk through the pages does; it may throw anything. */
    interface Walk {
        void run() throws Exception;
    }

    /** Runs the walk; if it fails, saves the page as {@code failure.png} and adds its text to the failure. */
    void keepingTheFailure(Walk walk) throws Exception {
        try {
            walk.run();
        } catch (Exception | AssertionError e) {
            screenshot("failure");
            e.addSuppressed(new AssertionError("the page at " + driver.getCurrentUrl() + " showed: "
                    + driver.findElement(org.openqa.selenium.By.tagName("body")).getText()));
            throw e;
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private static String axe() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
