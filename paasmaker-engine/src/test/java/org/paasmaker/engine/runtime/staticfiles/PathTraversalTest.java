package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way out of the document root we know of, written by hand on a socket: java.net.http would
 * normalise some of these targets before they left the test. A secret lies next to the root.
 */
class PathTraversalTest {

    private static final String SECRET = "the secret next to the root";

    @TempDir
    Path dir;

    private Path root;
    private StaticFileServer server;

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/page.txt"), "page");
        Files.writeString(root.resolve(".env"), SECRET);
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), SECRET);
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/.htpasswd"), SECRET);
        Files.writeString(root.resolve("docs/index.html"), "docs");
        server = StaticFileServer.start(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../etc/passwd",
        "/../secret.txt",
        "/a/../../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/secret.txt",
        "/..%2fetc%2fpasswd",
        "/..%2Fsecret.txt",
        "/a/..%5c..%5cetc",
        "/a/..%5c..%5csecret.txt",
        "/a/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/a/page.txt%00.html",
        "/%c0%ae%c0%ae/secret.txt",
        "/a/%zz",
        "/a/./page.txt",
        "http://localhost/../secret.txt",
    })
    void aTargetThatClimbsOutIsABadRequest(String target) throws IOException {
        RawHttp.Response response = RawHttp.get(server.port(), target);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).doesNotContain(SECRET).doesNotContain("root:");
    }

    @Test
    void aLinkToADirectoryOutsideTheRootIsNotFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("up"), dir);

        assertNotFound("/etc/passwd");
        assertNotFound("/etc/hostname");
        assertNotFound("/up/secret.txt");
    }

    @Test
    void aLinkToAFileOutsideTheRootIsNotFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("secret.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("relative.txt"), Path.of("../secret.txt"));

        assertNotFound("/secret.txt");
        assertNotFound("/relative.txt");
    }

    @Test
    void anIndexThatLinksOutsideTheRootIsNotFollowed() throws IOException {
        Files.createDirectories(root.resolve("trap"));
        Files.createSymbolicLink(root.resolve("trap/index.html"), dir.resolve("secret.txt"));

        assertNotFound("/trap/");
    }

    @Test
    void aLinkThatStaysInsideTheRootIsFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("latest.txt"), Path.of("a/page.txt"));
        Files.createSymbolicLink(root.resolve("b"), root.resolve("a"));

        assertThat(RawHttp.get(server.port(), "/latest.txt").text()).isEqualTo("page");
        assertThat(RawHttp.get(server.port(), "/b/page.txt").text()).isEqualTo("page");
    }

    @Test
    void aLinkToAHiddenFileOfTheRootIsNotFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("settings.txt"), Path.of(".env"));

        assertNotFound("/settings.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.env", "/.git/config", "/.git/", "/docs/.htpasswd", "/%2eenv", "/.git"})
    void dotfilesAreNotFound(String target) throws IOException {
        assertNotFound(target);
    }

    @Test
    void theWellKnownDirectoryIsServed() throws IOException {
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: mailto:security@example.com");

        assertThat(RawHttp.get(server.port(), "/.well-known/security.txt").text()).startsWith("Contact:");
    }

    @Test
    void aRedirectNeverLeavesTheSite() throws IOException {
        // Java's URI reads "//evil.example//docs" as host evil.example and path "//docs".
        RawHttp.Response response = RawHttp.get(server.port(), "//evil.example//docs");

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/docs/");
    }

    private void assertNotFound(String target) throws IOException {
        RawHttp.Response response = RawHttp.get(server.port(), target);

        assertThat(response.status()).as(target).isEqualTo(404);
        assertThat(response.text()).doesNotContain(SECRET).doesNotContain("root:");
    }
}
