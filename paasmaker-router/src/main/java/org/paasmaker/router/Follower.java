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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * <p>Given several controllers (sharing one database), it follows one at a time and moves on to the
 * next when that one fails it: unreachable, an error answer, or a 503 saying it does not lead (only
 * the leader serves the feed). It goes round the list at once and pauses only once each has failed,
 * so it finds a new leader within a pause or so of its taking over.
 *
 * <p>When no controller can be reached, or all refuse, the router keeps serving its last table, as
 * long as it takes: nothing is dropped because the controllers are silent. It tries again with a
 * growing pause (at most {@link #MAX_BACKOFF}; {@link #ANSWERED_BACKOFF} while some controller
 * answers, as during a takeover) and says each controller's problem once, and once more when it
 * follows again.
 */
final class Follower implements AutoCloseable {

    /** How long the controller may hold a poll, and then some. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);
    /** While dropped targets are busy: how long the controller holds a poll, so their end is reported soon. */
    static final Duration BUSY_WAIT = Duration.ofMillis(200);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** The longest pause while a controller answers, though not with a table: another may lead any moment. */
    static final Duration ANSWERED_BACKOFF = Duration.ofSeconds(1);

    private final List<URI> feeds;
    private final String token;
    private final String name;
    private final AcceptedTables tables;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    // Only the follower's thread uses these.
    /** The feed polled next. */
    private int current;
    /** The feed that answered last with a table or a wait; null before any did. */
    private URI followed;
    /** Each feed's kind of problem said since the router last followed, so that each is said once. */
    private final Set<String> said = new HashSet<>();
    /** Whether a controller answered (rather than could not be reached) since the last pause. */
    private boolean answered;

    Follower(List<URI> feeds, String token, String name, AcceptedTables tables, Consumer<String> log) {
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("a follower needs a controller's feed to follow");
        }
        this.feeds = List.copyOf(feeds);
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
        int failed = 0;
        while (closed.getCount() > 0) {
            if (pollOnce()) {
                backoff = FIRST_BACKOFF;
                failed = 0;
                continue;
            }
            // Round the list at once; a pause once every controller failed.
            if (++failed % feeds.size() != 0) {
                continue;
            }
            Duration pause = answered && backoff.compareTo(ANSWERED_BACKOFF) > 0 ? ANSWERED_BACKOFF : backoff;
            answered = false;
            try {
                if (closed.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One poll of the current feed; false when its controller could not be reached or refused. */
    boolean pollOnce() {
        URI feed = feeds.get(current);
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
            return trouble(feed, "unreachable", "The router cannot reach the controller at " + feed + " (" + e
                    + "); it keeps serving table generation " + served + " and tries again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
            return false;
        }
        answered = true;
        int status = response.statusCode();
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (status == 401 || status == 403) {
            return trouble(feed, "refused " + status, "The controller at " + feed + " refused this router's token ("
                    + status + (text.isEmpty() ? "" : ": " + text) + "); check the file given by --token-file. The"
                    + " router keeps serving table generation " + served + " and tries again.");
        }
        if (status == 204) {
            return following(feed);
        }
        if (status != 200) {
            return trouble(feed, "status " + status, "The controller at " + feed + " answered " + status
                    + (text.isEmpty() ? "" : ": " + text) + "; the router keeps serving table generation " + served
                    + " and tries again.");
        }
        try {
            RoutingTable table = RoutingJson.read(response.body(), RoutingTable.class);
            if (table.generation() > tables.router().table().generation()) {
                tables.accept(table);
            }
            return following(feed);
        } catch (IllegalArgumentException | PaasmakerException e) {
            return trouble(feed, "bad table", "The router cannot take the table the controller at " + feed + " sent: "
                    + e.getMessage() + "; it keeps serving table generation " + served + " and tries again.");
        }
    }

    private boolean following(URI feed) {
        if (!said.isEmpty() || followed != null && !followed.equals(feed)) {
            log.accept("The router follows the controller at " + feed + (feed.equals(followed) ? " again" : " now")
                    + "; it serves table generation " + tables.router().table().generation() + ".");
        }
        said.clear();
        followed = feed;
        return true;
    }

    /**
     * Says the message when this feed's kind of problem is new, so that a controller away for an hour
     * is said once; with several feeds, moves on to the next.
     */
    private boolean trouble(URI feed, String kind, String message) {
        if (feeds.size() > 1) {
            current = (current + 1) % feeds.size();
            message = message.replace(" and tries again.", "; it tries the controller at " + feeds.get(current)
                    + " next.");
        }
        if (said.add(feed + " " + kind)) {
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
