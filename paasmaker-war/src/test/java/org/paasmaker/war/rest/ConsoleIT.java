package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web console in Debian's headless chromium against the test server: a deployer signs in,
 * deploys a sample through the console, starts it and makes it current, then makes a second version
 * current while its job streams in; a viewer finds deploying disabled with the reason. Every main page
 * passes axe-core with no serious or critical violation, and is saved as a screenshot.
 */
class ConsoleIT {

    private static Api operator;
    private static String workspace;
    private static String deployer;
    private static String viewer;
    private static final List<String> inaccessible = new ArrayList<>();

    @TempDir
    static Path temp;

    @BeforeAll
    static void people() {
        operator = ItServer.api();
        workspace = new Deployments(operator).newWorkspace("Console").path("stub").asText();
        deployer = person("deployer", Map.of("role", "Deployer", "workspace", workspace));
        viewer = person("viewer", Map.of("role", "Viewer"));
    }

    private static String person(String prefix, Map<String, String> grant) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(operator.postJson("users", PermissionsIT.user(name)).status()).isEqualTo(201);
        assertThat(operator.postJson("users/" + name + "/grants", grant).status()).isEqualTo(201);
        return name;
    }

    @AfterAll
    static void stopWhatTheConsoleStarted() {
        for (JsonNode app : operator.get("workspaces/" + workspace + "/applications").json()) {
            for (JsonNode version : operator.get("applications/" + app.path("id").asText() + "/versions").json()) {
                for (String verb : List.of("stop", "deregister")) {
                    Api.Answer accepted = operator.post("versions/" + version.path("id").asText() + "/" + verb);
                    if (accepted.status() == 202) {
                        EventStream.follow(operator, accepted.json().path("jobId").asText(), Optional.empty(),
                                Deployments.JOB_DEADLINE);
                    }
                }
            }
        }
    }

    @Test
    void theConsoleServesItsPageWithAPolicyAndItsAssetsUnderTheirHash() throws Exception {
        HttpResponse<String> page = fetch(ItServer.base(), "gzip;q=0");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
        String asset = page.body().replaceAll("(?s).*href=\"(/assets/[0-9a-f]+/console\\.css)\".*", "$1");
        assertThat(asset).startsWith("/assets/");
        HttpResponse<String> css = fetch(ItServer.base().resolve(asset.substring(1)), "gzip;q=0");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(fetch(ItServer.base().resolve("assets/0000000000000000/console.css"), "gzip;q=0").statusCode())
                .as("another console's hash").isEqualTo(404);
    }

    @Test
    void aDeployerDeploysThroughTheConsoleAndAViewerMayNot() throws Exception {
        Path sample = sample();
        try (Browser browser = new Browser(1280, 900)) {
            browser.keepingTheFailure(() -> walk(browser, sample));
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    private static void walk(Browser browser, Path sample) throws Exception {
        browser.open("/sign-in");
        browser.await(By.id("user-sign-in"));
        check(browser, "sign-in");
        signIn(browser, deployer, "wrong password");
        browser.awaitText(By.id("sign-in-status"), "wrong");
        signIn(browser, deployer, "correct horse battery");
        browser.awaitTitle("Workspaces");
        browser.await(By.linkText("Console"));
        check(browser, "workspaces");

        browser.go("/workspaces/" + workspace);
        browser.awaitTitle("Console");
        browser.await(By.id("deploy")).click();
        browser.await(By.id("archive-form"));
        check(browser, "deploy");
        Path notAnArchive = Files.writeString(temp.resolve("notes.txt"), "not an archive\n");
        browser.driver().findElement(By.id("archive")).sendKeys(notAnArchive.toString());
        browser.driver().findElement(By.cssSelector("#archive-form button")).click();
        browser.awaitText(By.id("archive-status"), "is not a .tar.gz, .tgz or .zip archive");
        Path damaged = Files.write(temp.resolve("damaged.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 'n', 'o', 't'});
        WebElement chooser = browser.driver().findElement(By.id("archive"));
        chooser.clear();
        chooser.sendKeys(damaged.toString());
        browser.driver().findElement(By.cssSelector("#archive-form button")).click();
        browser.awaitText(By.id("archive-status"), "the upload is not a readable");

        String first = deploy(browser, sample);
        String firstVersion = browser.await(By.id("job-version")).getAttribute("href").replaceAll(".*/", "");
        check(browser, "job");
        browser.go("/versions/" + firstVersion);
        browser.awaitTitle(sample.getFileName() + " version 1");
        verb(browser, "start");
        browser.go("/versions/" + firstVersion);
        browser.awaitTitle(sample.getFileName() + " version 1");
        browser.awaitText(By.tagName("table"), "RUNNING");
        assertThat(browser.driver().findElement(By.tagName("table")).getText()).contains("Restarts");
        check(browser, "version");
        verb(browser, "make-current");

        String second = deploy(browser, sample);
        assertThat(second).isNotEqualTo(first);
        String secondVersion = browser.await(By.id("job-version")).getAttribute("href").replaceAll(".*/", "");
        browser.go("/versions/" + secondVersion);
        browser.awaitTitle(sample.getFileName() + " version 2");
        browser.script("window.sameDocument = true");
        browser.await(By.cssSelector("[data-verb='make-current']")).click();
        browser.await(By.id("job-tree"));
        await("the job's log streaming into its page").atMost(Browser.WAIT).until(() ->
                browser.driver().findElements(By.cssSelector("pre.log[data-job]")).stream()
                        .anyMatch(log -> !log.getAttribute("textContent").isEmpty()));
        browser.awaitText(By.id("job-status"), "Finished.");
        assertThat(browser.script("return window.sameDocument")).as("followed live, not reloaded").isEqualTo(true);
        assertThat(operator.get("versions/" + secondVersion).json().path("current").asBoolean()).isTrue();
        assertThat(operator.get("versions/" + secondVersion).json().path("state").asText()).isEqualTo("RUNNING");

        // And back again, by someone else: the page of version 1 follows without a reload.
        browser.go("/versions/" + firstVersion);
        browser.awaitTitle(sample.getFileName() + " version 1");
        assertThat(browser.await(By.id("version-state")).getText()).doesNotContain("current");
        Deployments others = new Deployments(operator);
        others.run(firstVersion, "make-current");
        browser.awaitText(By.id("version-state"), "current");
        others.run(secondVersion, "make-current");

        browser.go("/workspaces/" + workspace + "/deploy");
        browser.await(By.id("archive-form"));
        browser.driver().findElement(By.id("archive")).sendKeys(broken().toAbsolutePath().toString());
        browser.driver().findElement(By.cssSelector("#archive-form button")).click();
        browser.awaitText(By.id("job-status"), "The job failed");
        WebElement culprit = browser.await(By.cssSelector("li.job.culprit"));
        assertThat(culprit.getText()).as("the failed step, open, with its summary and log").contains("checking the build");
        check(browser, "job-failed");

        browser.go("/applications/" + operator.get("versions/" + secondVersion).json().path("applicationId").asText());
        browser.awaitText(By.tagName("table"), "current");
        check(browser, "application");
        String instance = operator.get("versions/" + secondVersion + "/instances").json().get(0).path("id").asText();
        browser.go("/instances/" + instance + "/log");
        browser.await(By.id("instance-log"));
        check(browser, "log");
        assertThat(browser.driver().findElement(By.cssSelector("#nav a[href='#/nodes']")).isDisplayed())
                .as("a section the deployer may not see (NODE_LIST is not held globally)").isFalse();

        browser.driver().findElement(By.cssSelector("#who button")).click();
        browser.await(By.id("user-sign-in"));
        signIn(browser, viewer, "correct horse battery");
        browser.awaitTitle("Workspaces");
        browser.go("/workspaces/" + workspace);
        browser.awaitTitle("Console");
        WebElement refused = browser.await(By.id("deploy"));
        assertThat(refused.isEnabled()).as("the viewer's deploy button").isFalse();
        assertThat(browser.driver().findElement(By.cssSelector(".refused")).getText()).contains("APPLICATION_CREATE");
        browser.go("/versions/" + secondVersion);
        assertThat(browser.await(By.cssSelector("[data-verb='stop']")).isEnabled()).isFalse();
        browser.go("/applications/" + operator.get("versions/" + secondVersion).json().path("applicationId").asText());
        assertThat(browser.await(By.id("reveal")).isEnabled()).as("revealing credentials without the permission").isFalse();
        check(browser, "viewer");

        browser.driver().findElement(By.cssSelector("#who button")).click();
        browser.await(By.id("token-sign-in"));
        browser.driver().findElement(By.id("token")).sendKeys(operator.token());
        browser.driver().findElement(By.cssSelector("#token-sign-in button")).click();
        browser.awaitTitle("Workspaces");
        for (int i = 0; i < 20; i++) {
            assertThat(ItServer.throughRouter(sample.getFileName() + ".localhost", "/")).startsWith("HTTP/1.1 200");
        }
        for (Map.Entry<String, String> page : Map.of("nodes", "Nodes", "routes", "Routing", "users", "Users",
                "audit", "Audit").entrySet()) {
            browser.driver().findElement(By.cssSelector("#nav a[href='#/" + page.getKey() + "']")).click();
            browser.awaitTitle(page.getValue());
            browser.await(By.cssSelector("main table"));
            check(browser, page.getKey());
        }
        browser.go("/");
        browser.awaitTitle("Workspaces");
        String stub = "it-" + UUID.randomUUID().toString().substring(0, 8);
        browser.await(By.id("wsName")).sendKeys("Made in the console");
        browser.driver().findElement(By.id("stub")).sendKeys(stub);
        browser.driver().findElement(By.cssSelector("#new-workspace button")).click();
        browser.awaitTitle("Made in the console");
        assertThat(operator.get("workspaces/" + stub).status()).isEqualTo(200);
        assertThat(operator.delete("workspaces/" + stub).status()).isEqualTo(204);
        browser.go("/routes");
        browser.awaitTitle("Routing");
        browser.awaitText(By.id("router-charts"), "2xx: 20,");
        browser.go("/users");
        browser.await(By.id("role-form"));
        String role = "Console role " + UUID.randomUUID().toString().substring(0, 8);
        browser.driver().findElement(By.id("roleName")).sendKeys(role);
        browser.driver().findElement(By.cssSelector("#role-form input[value='WORKSPACE_VIEW']")).click();
        browser.driver().findElement(By.cssSelector("#role-form button")).click();
        browser.awaitText(By.tagName("main"), role);
        assertThat(operator.get("roles/" + role.replace(" ", "%20")).json().path("permissions").toString())
                .isEqualTo("[\"WORKSPACE_VIEW\"]");
        check(browser, "users");
        browser.go("/users/" + deployer);
        browser.await(By.id("grant-form"));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Deployer");
        browser.driver().findElement(By.id("keyName")).sendKeys("made in the console");
        browser.driver().findElement(By.cssSelector("#key-form button")).click();
        String secret = browser.await(By.id("new-key-secret")).getText();
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("made in the console");
        assertThat(new Api(operator.http(), ItServer.base().resolve("api/v1/"), secret).get("workspaces").status())
                .as("the key the console showed once").isEqualTo(200);
        check(browser, "user");
        browser.go("/manifest");
        browser.await(By.id("text")).sendKeys("manifest:\n  format: 1\napplication:\n  name: broken\ninstances:\n"
                + "  - name: web\n    runtime:\n      plugin: paasmaker.runtime.nonesuch\n      version: 1\n");
        browser.driver().findElement(By.cssSelector("#manifest-form button")).click();
        browser.await(By.cssSelector("#manifest-lines li.flagged"));
        assertThat(browser.driver().findElement(By.cssSelector("#manifest-lines li.flagged")).getText())
                .contains("paasmaker.runtime.nonesuch");
        check(browser, "manifest");
    }

    @Test
    void theConsoleReadsAt390PixelsWideAndInTheDark() {
        try (Browser browser = new Browser(390, 844)) {
            browser.open("/workspaces/" + workspace);
            browser.await(By.id("token-sign-in"));
            browser.driver().findElement(By.id("token")).sendKeys(operator.token());
            browser.driver().findElement(By.cssSelector("#token-sign-in button")).click();
            browser.awaitTitle("Console");
            assertThat(browser.driver().getCurrentUrl()).as("the bookmark, once signed in").endsWith("#/workspaces/" + workspace);
            browser.go("/");
            browser.awaitTitle("Workspaces");
            browser.await(By.linkText("Console"));
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling").isEqualTo(true);
            browser.screenshot("workspaces-390");
            browser.driver().navigate().refresh();
            browser.awaitTitle("Workspaces");
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            assertThat(browser.script("return document.activeElement.className")).as("the first stop of the keyboard")
                    .isEqualTo("skip");
            new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("main");
            assertThat(browser.driver().getTitle()).as("the skip link stays on the page").startsWith("Workspaces");
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor"))
                    .as("the dark scheme's background").isEqualTo("rgb(13, 17, 23)");
            browser.screenshot("workspaces-390-dark");
            assertThat(browser.seriousViolations()).as("axe-core in the dark scheme").isEmpty();
            browser.script("document.querySelector('main').append(document.createElement('img'))");
            assertThat(browser.seriousViolations()).as("axe-core finds an image without a text alternative")
                    .anyMatch(violation -> violation.startsWith("image-alt"));
        }
    }

    /** Uploads the sample's archive from the deploy page and waits for its prepare job; the job's id. */
    private static String deploy(Browser browser, Path sample) {
        browser.go("/workspaces/" + workspace + "/deploy");
        browser.await(By.id("archive-form"));
        browser.driver().findElement(By.id("archive")).sendKeys(
                Deployments.tarball(sample, temp).toAbsolutePath().toString());
        browser.driver().findElement(By.cssSelector("#archive-form button")).click();
        browser.await(By.id("job-tree"));
        browser.awaitText(By.id("job-status"), "Finished.");
        return browser.driver().getCurrentUrl().replaceAll(".*/", "");
    }

    private static void verb(Browser browser, String verb) {
        browser.await(By.cssSelector("[data-verb='" + verb + "']")).click();
        WebElement shown = browser.await(By.cssSelector("#job-tree, main .error"));
        assertThat(shown.getAttribute("id")).as("%s refused: %s", verb, shown.getText()).isEqualTo("job-tree");
        browser.awaitText(By.id("job-status"), "Finished.");
    }

    private static void signIn(Browser browser, String name, String password) {
        WebElement user = browser.await(By.id("name"));
        user.clear();
        user.sendKeys(name);
        WebElement secret = browser.driver().findElement(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        browser.driver().findElement(By.cssSelector("#user-sign-in button")).click();
    }

    private static void check(Browser browser, String page) {
        browser.screenshot(page);
        browser.seriousViolations().forEach(violation -> inaccessible.add(page + ": " + violation));
    }

    /** hello-static under a name of this run's, so that its hostname meets no other test's. */
    private static Path sample() throws IOException {
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Path source = Path.of(System.getProperty("paasmaker.samples"), "hello-static");
        Path copy = temp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file).replace("hello-static", name));
                }
            }
        }
        return copy;
    }

    /** An archive whose prepare command fails after writing a line. */
    private static Path broken() throws IOException {
        Path app = temp.resolve("broken-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(app.resolve("web"));
        Files.writeString(app.resolve("web/index.html"), "<p>never served</p>\n");
        Files.writeString(app.resolve("manifest.yml"), """
                manifest:
                  format: 1
                application:
                  name: %s
                  prepare:
                    commands:
                      - plugin: paasmaker.prepare.shell
                        parameters:
                          commands:
                            - echo checking the build
                            - exit 3
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.static
                      version: 1
                      parameters:
                        document_root: web
                """.formatted(app.getFileName()));
        return Deployments.tarball(app, temp);
    }

    private static HttpResponse<String> fetch(URI uri, String encoding) throws Exception {
        return operator.http().send(HttpRequest.newBuilder(uri).header("Accept-Encoding", encoding)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
