package org.paasmaker.engine.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.Problem;
import org.paasmaker.engine.cluster.ClusterServer;
import org.paasmaker.engine.cluster.ClusterWire;
import org.paasmaker.engine.cluster.NodeToken;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.packages.PackageStore;

/**
 * Brings packages from the controller into the agent's cache, by checksum. The bytes are checked on
 * the way in: a package whose checksum differs is refused (nothing of it is kept), told in the log,
 * and fetched again, a few times at most.
 */
final class PackageFetcher {

    static final int TRIES = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final URI controller;
    private final NodeToken token;
    private final HttpClient http;
    private final PackageStore cache;
    private final Consumer<String> log;
    private final KeyedLocks locks = new KeyedLocks();

    PackageFetcher(URI controller, NodeToken token, HttpClient http, PackageStore cache, Consumer<String> log) {
        this.controller = controller;
        this.token = token;
        this.http = http;
        this.cache = cache;
        this.log = log;
    }

    /** Makes sure the package is in the cache: fetched and checked unless it already is. */
    void ensure(String checksum) {
        try (KeyedLocks.Held held = locks.lock(checksum)) {
            if (cache.contains(checksum)) {
                return;
            }
            PaasmakerException last = null;
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                try {
                    fetch(checksum);
                    return;
                } catch (PaasmakerException e) {
                    if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.UNAUTHORIZED) {
                        throw e;
                    }
                    last = e;
                    log.accept("Package " + checksum + ", try " + attempt + " of " + TRIES + ": " + e.getMessage()
                            + (attempt < TRIES ? "; fetching it again" : ""));
                }
            }
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "could not fetch package " + checksum + " from the"
                    + " controller at " + controller + " in " + TRIES + " tries; the last: " + last.getMessage(), last);
        }
    }

    private void fetch(String checksum) {
        HttpRequest request = HttpRequest.newBuilder(controller.resolve(ClusterServer.PREFIX + "packages/" + checksum))
                .header("Authorization", token.header()).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the controller at " + controller
                    + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while fetching package " + checksum, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw ClusterWire.exception(problem(response.statusCode(), text));
            }
            cache.storeAs(checksum, body::transferTo);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the package " + checksum + " broke off: " + e, e);
        }
    }

    private static Problem problem(int status, String text) {
        try {
            Problem problem = ClusterWire.read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    Problem.class);
            if (problem.type() != null) {
                return problem;
            }
        } catch (PaasmakerException notAProblem) {
            // Said below.
        }
        return new Problem(ErrorCode.UNAVAILABLE.wireName(), "Unavailable", status, "the controller answered " + status
                + " to a package request", java.util.List.of());
    }
}
