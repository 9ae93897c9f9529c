package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console's figures (docs/benchmarks.md), taken in Debian's headless chromium against the test
 * server: the bytes the first page costs over the wire, and the time from asking for a workspace's
 * page to its list of 200 applications rendered. It prepares 200 versions first (about a minute),
 * so CI leaves it out; run it with {@code -Dpaasmaker.console.figures=true}.
 */
@EnabledIfSystemProperty(named = "paasmaker.console.figures", matches = "true")
class ConsoleFiguresIT {

    private static final int APPLICATIONS = 200;
    private static final int RUNS = 7;

    @TempDir
    static Path temp;

    @Test
    void firstPageBytesAndTimeToTwoHundredApplications() throws Exception {
        Api operator = ItServer.api();
        Deployments deployments = new Deployments(operator);
        String workspace = deployments.newWorkspace("Two hundred").path("stub").asText();
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> prepared = new ArrayList<>();
            for (int i = 0; i < APPLICATIONS; i++) {
                Path archive = archive("many-" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
                prepared.add(uploads.submit(() -> deployments.succeeded(
                        deployments.upload(workspace, archive).json().path("jobId").asText())));
            }
            for (Future<?> done : prepared) {
                done.get();
            }
        } finally {
            uploads.shutdownNow();
        }

        try (Browser browser = new Browser(1280, 900)) {
            browser.open("/sign-in");
            browser.await(By.id("token-sign-in"));
            long firstPage = transferred(browser);
            browser.driver().findElement(By.id("token")).sendKeys(operator.token());
            browser.driver().findElement(By.cssSelector("#token-sign-in button")).click();
            browser.awaitTitle("Workspaces");
            browser.await(By.cssSelector("main tbody tr"));
            long signedIn = transferred(browser);

            List<Double> warm = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                browser.go("/");
                browser.awaitTitle("Workspaces");
                warm.add(shown(browser, "#/workspaces/" + workspace));
            }
            List<Double> cold = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                browser.driver().get("about:blank"); // a load, not a change of the hash
                browser.open("/workspaces/" + workspace);
                cold.add(shown(browser, ""));
                assertThat(browser.driver().findElements(By.cssSelector("main tbody tr"))).hasSize(APPLICATIONS);
            }
            System.out.printf("ConsoleFiguresIT: first page (sign-in) transferred %,d bytes; with the workspaces list after"
                    + " signing in %,d bytes%n", firstPage, signedIn);
            System.out.printf("ConsoleFiguresIT: %d applications rendered %.0f ms (median of %d) after the hash change,"
                    + " %.0f ms after a fresh load's navigation start; runs %s and %s%n",
                    APPLICATIONS, median(warm), RUNS, median(cold), warm, cold);
            assertThat(firstPage).as("the first page's bytes over the wire").isPositive();
        }
    }

    /**
     * Sets the hash (or, with none, takes the page as loaded) and answers, to the callback, the
     * milliseconds from then (from the navigation's start) until the console marked the page shown.
     */
    private static final String TIME_TO_SHOWN = """
            const [hash, title, done] = arguments;
            const start = hash ? performance.now() : 0;
            const shown = () => performance.getEntriesByName('console:shown')
                .find(mark => mark.startTime >= start && String(mark.detail).startsWith(title));
            const check = () => {
              const mark = shown();
              if (mark) { observer.disconnect(); done(mark.startTime - start); }
            };
            const observer = new PerformanceObserver(check);
            observer.observe({type: 'mark'});
            if (hash) location.hash = hash;
            check();
            """;

    private static double shown(Browser browser, String hash) {
        return ((Number) browser.driver().executeAsyncScript(TIME_TO_SHOWN, hash, "Two hundred")).doubleValue();
    }

    /** The bytes the page and its resources took over the wire (compressed as sent), as the browser counted them. */
    private static long transferred(Browser browser) {
        return ((Number) browser.script("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)"))
                .longValue();
    }

    private static Path archive(String name) throws Exception {
        Path app = temp.resolve(name);
        Files.createDirectories(app.resolve("web"));
        Files.writeString(app.resolve("web/index.html"), "<p>" + name + "</p>\n");
        Files.writeString(app.resolve("manifest.yml"), """
                manifest:
                  format: 1
                application:
                  name: %s
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.static
                      version: 1
                      parameters:
                        document_root: web
                """.formatted(name));
        return Deployments.tarball(app, temp);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
