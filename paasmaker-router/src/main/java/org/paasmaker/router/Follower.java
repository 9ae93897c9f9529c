package org.paasmaker.router;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.RoutingTable;

/**
 * Follows the controller's route feed: asks, again and again, for a table newer than the one this
 * router serves ({@code GET <feed>?after=G&router=NAME&inflight=K}, a long poll the controller holds
 * until it has one or its wait runs out), and accepts each whole table it gets as a push over the
 * control channel would be accepted: served atomically, then persisted.
 *
 * <p>Each poll also tells the controller which generation this router serves and how many targets
 * that tables dropped still have requests in flight here; while some do, it polls again soon, so the
 * controller learns when they are done and may stop those instances.
 *
 * <p>When the controller cannot be reached, or refuses, the router keeps serving its last table, as
 * long as it takes: nothing is dropped because the controller is silent. It tries again with a
 * growing pause (at most {@link #MAX_BACKOFF}) and says so once, and once more when it follows again.
 */
final class Follower implements AutoCloseable {

    /** How long the controller may hold a poll, and then some. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);
    /** While dropped targets are busy: how long the controller holds a poll, so their end is reported soon. */
    static final Duration BUSY_WAIT = Duration.ofMillis(200);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final URI feed;
    private final String token;
    private final String name;
    private final AcceptedTables tables;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    /** The kind of the last problem said, so that each is said once; null while following. Only the follower's thread uses it. */
    private String problem;

    Follower(URI feed, String token, String name, AcceptedTables tables, Consumer<String> log) {
        this.feed = feed;
        this.token = token;
        this.name = name;
        this.tables = tables;
        this.log = log;
        this.thread = new Thread(this::run, "router-follower");
        thread.setDaemon(true);
    }

    /** Starts following, in a thread of its own. */
    Follower start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (closed.getCount() > 0) {
            if (pollOnce()) {
                backoff = FIRST_BACKOFF;
                continue;
            }
            try {
                if (closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One poll; false when the controller could not be reached or refused. */
    boolean pollOnce() {
        long served = tables.router().table().generation();
        int busy = tables.router().busyDropped();
        URI uri = URI.create(feed + "?after=" + served + "&router=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&inflight=" + busy + (busy > 0 ? "&waitMillis=" + BUSY_WAIT.toMillis() : ""));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(POLL_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return trouble("unreachable", "The router cannot reach the controller at " + feed + " (" + e + "); it keeps serving"
                    + " table generation " + served + " and tries again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
            return false;
        }
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (status == 401 || status == 403) {
            return trouble("refused " + status, "The controller at " + feed + " refused this router's token (" + status + (text.isEmpty()
                    ? "" : ": " + text) + "); check the file given by --token-file. The router keeps serving table"
                    + " generation " + served + " and tries again.");
        }
        if (status == 204) {
            return following();
        }
        if (status != 200) {
            return trouble("status " + status, "The controller at " + feed + " answered " + status + (text.isEmpty() ? "" : ": " + text)
                    + "; the router keeps serving table generation " + served + " and tries again.");
        }
        try {
            RoutingTable table = RoutingJson.read(response.body(), RoutingTable.class);
            if (table.generation() > tables.router().table().generation()) {
                tables.accept(table);
            }
            return following();
        } catch (IllegalArgumentException | PaasmakerException e) {
            return trouble("bad table", "The router cannot take the table the controller at " + feed + " sent: " + e.getMessage()
                    + "; it keeps serving table generation " + served + " and tries again.");
        }
    }

    private boolean following() {
        if (problem != null) {
            problem = null;
            log.accept("The router follows the controller at " + feed + " again; it serves table generation "
                    + tables.router().table().generation() + ".");
        }
        return true;
    }

    /** Says the message when its kind of problem is new: a controller away for an hour is said once. */
    private boolean trouble(String kind, String message) {
        if (!kind.equals(problem)) {
            problem = kind;
            log.accept(message);
        }
        return false;
    }

    @Override
    public void close() {
        closed.countDown();
        thread.interrupt();
        try {
            thread.join(POLL_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
