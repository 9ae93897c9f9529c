package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** The server over real sockets: what a browser, a media player and a download manager get. */
class StaticFileServerTest {

    private static final Instant MODIFIED = Instant.parse("2024-03-05T06:07:08Z");

    @TempDir
    Path root;

    private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private StaticFileServer server;

    @BeforeEach
    void start() throws IOException {
        write("hello.txt", "hello");
        write("digits.txt", "0123456789");
        Files.setLastModifiedTime(root.resolve("digits.txt"), FileTime.from(MODIFIED));
        server = StaticFileServer.start(root, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintStream(accessLog, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({
        "index.html, text/html; charset=utf-8",
        "style.css, text/css; charset=utf-8",
        "app.js, text/javascript; charset=utf-8",
        "module.mjs, text/javascript; charset=utf-8",
        "data.json, application/json; charset=utf-8",
        "logo.svg, image/svg+xml; charset=utf-8",
        "photo.JPG, image/jpeg",
        "font.woff2, font/woff2",
        "app.wasm, application/wasm",
        "movie.mp4, video/mp4",
        "archive.tar.gz, application/gzip",
        "README, application/octet-stream",
        "notes.unknown, application/octet-stream",
    })
    void sendsTheContentTypeOfTheExtension(String name, String contentType) throws Exception {
        write(name, "content");

        HttpResponse<String> response = get("/" + name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).isEqualTo("content");
    }

    @Test
    void sendsTheLengthAndValidatorsOfAFile() throws Exception {
        HttpResponse<String> response = get("/digits.txt");

        assertThat(response.body()).isEqualTo("0123456789");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Tue, 05 Mar 2024 06:07:08 GMT");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"a-[0-9a-f]+\""));
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    }

    @Test
    void decodesPercentEncodedNames() throws Exception {
        write("a dir/café menu.txt", "menu");

        assertThat(get("/a%20dir/caf%C3%A9%20menu.txt").body()).isEqualTo("menu");
    }

    @Test
    void aDirectoryServesItsIndexHtmlBeforeItsIndexHtm() throws Exception {
        write("docs/index.htm", "htm");
        write("docs/index.html", "html");
        write("old/index.htm", "only htm");
        write("index.html", "home");

        assertThat(get("/docs/").body()).isEqualTo("html");
        assertThat(get("/docs/").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(get("/old/").body()).isEqualTo("only htm");
        assertThat(get("/").body()).isEqualTo("home");
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirectedKeepingTheQuery() throws Exception {
        write("docs/index.html", "docs");

        HttpResponse<String> plain = get("/docs");
        HttpResponse<String> withQuery = get("/docs?lang=en&x=%20");

        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValue("/docs/");
        assertThat(withQuery.headers().firstValue("Location")).hasValue("/docs/?lang=en&x=%20");
    }

    @Test
    void aDirectoryWithoutAnIndexIsNotListed() throws Exception {
        write("assets/app.js", "code");

        HttpResponse<String> response = get("/assets/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("app.js");
    }

    @Test
    void aFileAskedForAsADirectoryIsMissing() throws Exception {
        assertThat(get("/hello.txt/").statusCode()).isEqualTo(404);
    }

    @Test
    void aMissingFileGetsTheBuiltInPage() throws Exception {
        HttpResponse<String> response = get("/nothing/here.html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("<h1>404 Not Found</h1>");
    }

    @Test
    void aMissingFileGetsTheApplicationsOwn404Page() throws Exception {
        write("404.html", "<p>lost?</p>");

        HttpResponse<String> response = get("/nothing/here.html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("<p>lost?</p>");
    }

    @Test
    void headSendsTheHeadersOfAGetWithoutTheBody() throws Exception {
        HttpResponse<String> head = send(request("/digits.txt").method("HEAD", BodyPublishers.noBody()));
        HttpResponse<String> missing = send(request("/missing").method("HEAD", BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(head.headers().firstValue("ETag")).isEqualTo(get("/digits.txt").headers().firstValue("ETag"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @Test
    void aMatchingEtagGets304() throws Exception {
        String etag = get("/digits.txt").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same = send(request("/digits.txt").header("If-None-Match", "\"other\", " + etag));
        HttpResponse<String> weak = send(request("/digits.txt").header("If-None-Match", "W/" + etag));
        HttpResponse<String> any = send(request("/digits.txt").header("If-None-Match", "*"));
        HttpResponse<String> other = send(request("/digits.txt").header("If-None-Match", "\"other\""));

        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
        assertThat(weak.statusCode()).isEqualTo(304);
        assertThat(any.statusCode()).isEqualTo(304);
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedFileGetsANewEtag() throws Exception {
        String before = get("/digits.txt").headers().firstValue("ETag").orElseThrow();
        Files.setLastModifiedTime(root.resolve("digits.txt"), FileTime.from(MODIFIED.plusSeconds(1)));

        HttpResponse<String> response = send(request("/digits.txt").header("If-None-Match", before));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent().isNotEqualTo(before);
    }

    @Test
    void anUnchangedFileSinceADateGets304() throws Exception {
        HttpResponse<String> sameSecond = send(request("/digits.txt").header("If-Modified-Since", httpDate(MODIFIED)));
        HttpResponse<String> later = send(request("/digits.txt").header("If-Modified-Since", httpDate(MODIFIED.plusSeconds(60))));
        HttpResponse<String> earlier = send(request("/digits.txt").header("If-Modified-Since", httpDate(MODIFIED.minusSeconds(1))));
        HttpResponse<String> garbled = send(request("/digits.txt").header("If-Modified-Since", "yesterday"));

        assertThat(sameSecond.statusCode()).isEqualTo(304);
        assertThat(sameSecond.headers().firstValue("Last-Modified")).hasValue("Tue, 05 Mar 2024 06:07:08 GMT");
        assertThat(later.statusCode()).isEqualTo(304);
        assertThat(earlier.statusCode()).isEqualTo(200);
        assertThat(garbled.statusCode()).isEqualTo(200);
    }

    @Test
    void ifNoneMatchOutranksIfModifiedSince() throws Exception {
        HttpResponse<String> response = send(request("/digits.txt").header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", httpDate(MODIFIED)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({
        "bytes=2-5, 2345, bytes 2-5/10",
        "bytes=7-, 789, bytes 7-9/10",
        "bytes=-3, 789, bytes 7-9/10",
        "bytes=8-100, 89, bytes 8-9/10",
        "bytes=0-0, 0, bytes 0-0/10",
    })
    void aSingleRangeGets206(String range, String body, String contentRange) throws Exception {
        HttpResponse<String> response = send(request("/digits.txt").header("Range", range));

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Range")).hasValue(contentRange);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=10-", "bytes=10-20", "bytes=-0"})
    void aRangePastTheEndGets416(String range) throws Exception {
        HttpResponse<String> response = send(request("/digits.txt").header("Range", range));

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */10");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,4-5", "bytes=5-2", "items=0-1", "bytes=a-b", "bytes=-"})
    void aRangeThisServerDoesNotServeGetsTheWholeFile(String range) throws Exception {
        HttpResponse<String> response = send(request("/digits.txt").header("Range", range));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("0123456789");
    }

    @Test
    void aRangeOfAChangedFileUnderIfRangeGetsTheWholeFile() throws Exception {
        String etag = get("/digits.txt").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> current = send(request("/digits.txt").header("Range", "bytes=2-3").header("If-Range", etag));
        HttpResponse<String> byDate = send(request("/digits.txt").header("Range", "bytes=2-3").header("If-Range", httpDate(MODIFIED)));
        HttpResponse<String> stale = send(request("/digits.txt").header("Range", "bytes=2-3").header("If-Range", "\"old\""));

        assertThat(current.statusCode()).isEqualTo(206);
        assertThat(byDate.statusCode()).isEqualTo(206);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("0123456789");
    }

    @Test
    void aHeadIgnoresTheRange() throws Exception {
        HttpResponse<String> response = send(request("/digits.txt").header("Range", "bytes=2-3").method("HEAD", BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("10");
    }

    @Test
    void anEmptyFileIsServed() throws Exception {
        write("empty.txt", "");

        HttpResponse<String> response = get("/empty.txt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aFiftyMegabyteFileIsStreamedWhole() throws Exception {
        String expected = writeRandomFile("media/big.bin", 50 * 1024 * 1024);

        HttpResponse<InputStream> response = client.send(request("/media/big.bin").build(), BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(50 * 1024 * 1024));
        assertThat(sha256(response.body())).isEqualTo(expected);
    }

    @Test
    void aRangeDeepInsideALargeFileIsTheRightBytes() throws Exception {
        writeRandomFile("media/big.bin", 3 * 1024 * 1024);
        long first = 2_000_000;
        byte[] expected = new byte[100_000];
        try (InputStream in = Files.newInputStream(root.resolve("media/big.bin"))) {
            in.skipNBytes(first);
            in.readNBytes(expected, 0, expected.length);
        }

        HttpResponse<byte[]> response = client.send(request("/media/big.bin")
                .header("Range", "bytes=" + first + "-" + (first + expected.length - 1)).build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
    void otherMethodsGet405(String method) throws Exception {
        HttpResponse<String> response = send(request("/hello.txt").method(method, BodyPublishers.ofString("data")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void theBodyOfAGetIsIgnoredAndTheConnectionStaysInStep() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\n\r\nGET /x HTTP");
            RawHttp.Response first = http.read();
            http.send("GET /digits.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response second = http.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("hello");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("0123456789");
        }
    }

    @Test
    void oneConnectionServesManyRequests() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                http.send("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(http.read().text()).isEqualTo("hello");
            }
            http.send("GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(404);
            http.send("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("hello");
        }
    }

    @Test
    void logsOneLinePerRequest() throws Exception {
        get("/hello.txt?token=secret");
        get("/missing");

        // The line is written once the exchange is closed, which may be just after the client has read it.
        await().untilAsserted(() -> assertThat(accessLog.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z GET /hello.txt 200 5"))
                .anySatisfy(line -> assertThat(line).matches("\\S+ GET /missing 404 \\d+")));
        assertThat(accessLog.toString(StandardCharsets.UTF_8)).doesNotContain("secret");
    }

    @Test
    void startRefusesARootThatIsNotADirectory() {
        InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        assertThatThrownBy(() -> StaticFileServer.start(root.resolve("nowhere"), anyPort))
                .isInstanceOf(PaasmakerException.class).hasMessage("the document root " + root.resolve("nowhere")
                        + " does not exist; check document_root in the manifest");
        assertThatThrownBy(() -> StaticFileServer.start(root.resolve("hello.txt"), anyPort))
                .hasMessageContaining("hello.txt is not a directory");
    }

    @Test
    void startRefusesAPortInUse() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());

        assertThatThrownBy(() -> StaticFileServer.start(root, taken))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageStartingWith("cannot listen on port " + server.port() + " of ").hasMessageContaining("in use");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Writes seeded random bytes a megabyte at a time and returns their SHA-256. */
    private String writeRandomFile(String name, int size) throws IOException, NoSuchAlgorithmException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                int length = Math.min(chunk.length, size - written);
                out.write(chunk, 0, length);
                digest.update(chunk, 0, length);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream body) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream in = new DigestInputStream(body, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(instant);
    }
}
