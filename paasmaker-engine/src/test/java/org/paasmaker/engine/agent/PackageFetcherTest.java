package org.paasmaker.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.TestPorts;
import org.paasmaker.engine.cluster.NodeToken;
import org.paasmaker.engine.packages.PackageStore;

/**
 * An agent checks every package it fetches: bytes that do not match the checksum are refused, said in
 * its log, and fetched again; after a few tries it gives up saying so, and its cache holds nothing of
 * them. The controller here is a stub that serves wrong bytes on purpose, which the real one never does.
 */
class PackageFetcherTest {

    private static final byte[] PACKAGE = "the package's true bytes".getBytes(StandardCharsets.UTF_8);
    private static final String CHECKSUM = sha256(PACKAGE);

    @TempDir
    Path temp;

    private final NodeToken token = new NodeToken("token", "the test");
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void aPackageThatArrivesCorruptIsRefusedAndFetchedAgain() throws Exception {
        PackageStore cache = new PackageStore(temp.resolve("cache"));
        PackageFetcher fetcher = fetcher(1, cache);

        fetcher.ensure(CHECKSUM);

        assertThat(requests).hasValue(2);
        try (var in = cache.open(CHECKSUM)) {
            assertThat(in.readAllBytes()).isEqualTo(PACKAGE);
        }
        assertThat(log).singleElement().asString().contains("try 1 of 3", "arrived with the checksum", "refused",
                "fetching it again");
    }

    @Test
    void aPackageThatKeepsArrivingCorruptIsGivenUpOnWithAClearErrorAndNothingKept() throws Exception {
        PackageStore cache = new PackageStore(temp.resolve("cache"));
        PackageFetcher fetcher = fetcher(Integer.MAX_VALUE, cache);

        assertThatThrownBy(() -> fetcher.ensure(CHECKSUM)).isInstanceOfSatisfying(PaasmakerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("could not fetch package " + CHECKSUM, "in 3 tries",
                    "arrived with the checksum " + sha256(corrupt()));
        });

        assertThat(requests).hasValue(PackageFetcher.TRIES);
        assertThat(cache.contains(CHECKSUM)).isFalse();
        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aPackageInTheCacheIsNotFetchedAgain() throws Exception {
        PackageStore cache = new PackageStore(temp.resolve("cache"));
        cache.storeAs(CHECKSUM, out -> out.write(PACKAGE));

        fetcher(0, cache).ensure(CHECKSUM);

        assertThat(requests).hasValue(0);
    }

    @Test
    void eachControllerIsAskedInTurnUntilOneHasThePackage() throws Exception {
        PackageStore cache = new PackageStore(temp.resolve("cache"));
        fetcher(0, cache);
        HttpServer lacking = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lacking.createContext("/cluster/v1/packages/", exchange -> {
            byte[] body = notFound("no package " + CHECKSUM + " here");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        lacking.start();
        try {
            URI gone = URI.create("http://127.0.0.1:" + TestPorts.free());
            URI without = URI.create("http://127.0.0.1:" + lacking.getAddress().getPort());
            URI with = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
            PackageFetcher fetcher = new PackageFetcher(List.of(new ControllerHttp(gone, token),
                    new ControllerHttp(without, token), new ControllerHttp(with, token)), controller -> true, cache, log::add);

            fetcher.ensure(CHECKSUM);

            assertThat(cache.contains(CHECKSUM)).isTrue();
            assertThat(requests).hasValue(1);
            assertThat(log).hasSize(2);
            assertThat(log.get(0)).contains("from " + gone, "cannot be reached", "fetching it again");
            assertThat(log.get(1)).contains("not to be had from the controller at " + without, "asking the others");
        } finally {
            lacking.stop(0);
        }
    }

    @Test
    void aPackageNoControllerHasIsANotFoundNamingThemAll() throws Exception {
        PackageStore cache = new PackageStore(temp.resolve("cache"));
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/cluster/v1/packages/", exchange -> {
            requests.incrementAndGet();
            byte[] body = notFound("no such package");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        URI one = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
        URI two = URI.create("http://localhost:" + stub.getAddress().getPort());
        PackageFetcher fetcher = new PackageFetcher(List.of(new ControllerHttp(one, token),
                new ControllerHttp(two, token)), controller -> true, cache, log::add);

        assertThatThrownBy(() -> fetcher.ensure(CHECKSUM)).isInstanceOfSatisfying(PaasmakerException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).contains("none of the controllers " + one + ", " + two + " has package " + CHECKSUM);
        });
        assertThat(requests).as("each asked once: a controller without it does not get it by asking again").hasValue(2);
    }

    private static byte[] notFound(String message) {
        return org.paasmaker.engine.cluster.ClusterWire.write(org.paasmaker.engine.cluster.ClusterWire.problem(
                new PaasmakerException(ErrorCode.NOT_FOUND, message)));
    }


    /** A fetcher from a stub controller whose first {@code corruptAnswers} answers are wrong bytes. */
    private PackageFetcher fetcher(int corruptAnswers, PackageStore cache) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/cluster/v1/packages/" + CHECKSUM, exchange -> {
            boolean corrupt = requests.incrementAndGet() <= corruptAnswers;
            byte[] body = corrupt ? corrupt() : PACKAGE;
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        return new PackageFetcher(List.of(new ControllerHttp(URI.create("http://127.0.0.1:"
                + stub.getAddress().getPort()), token)), controller -> true, cache, log::add);
    }

    private static byte[] corrupt() {
        byte[] bytes = PACKAGE.clone();
        bytes[0] ^= 1;
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
