package org.paasmaker.war.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady requests through the router for one hostname, from several clients at once, each on a
 * connection of its own: every answer and every failure is counted. Paced rather than flat out, so
 * that the load does not starve the server it runs beside of the machine's two cores.
 */
final class RouterLoad implements AutoCloseable {

    /** Enough failures to see what went wrong, not so many that a broken run floods the report. */
    private static final int KEPT_FAILURES = 20;

    private final int routerPort;
    private final String hostname;
    private final String expected;
    private final ScheduledExecutorService clients;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<String> firstFailures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptFailures = new AtomicInteger();

    /**
     * @param expected what every good answer's body holds, so that a 200 from something else counts as a failure
     * @param pause how long each client waits between the end of one request and the start of its next
     */
    RouterLoad(String hostname, String expected, int clients, Duration pause) {
        this(ItServer.routerPort(), hostname, expected, clients, pause);
    }

    /** @param routerPort the router to load: the test server's, or another controller's */
    RouterLoad(int routerPort, String hostname, String expected, int clients, Duration pause) {
        this.routerPort = routerPort;
        this.hostname = hostname;
        this.expected = expected;
        AtomicInteger count = new AtomicInteger();
        this.clients = Executors.newScheduledThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "router-load-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < clients; i++) {
            this.clients.scheduleWithFixedDelay(this::request, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    long answers() {
        return answers.get();
    }

    long failures() {
        return failures.get();
    }

    List<String> firstFailures() {
        return new ArrayList<>(firstFailures);
    }

    /**
     * Whether {@code count} more answers came than {@code mark}; once any request failed, an error
     * that names the first failures, so that a wait on this ends at once rather than at its deadline.
     */
    boolean answeredSince(long mark, long count) {
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " requests through the router failed, the first of them: "
                    + firstFailures());
        }
        return answers.get() - mark >= count;
    }

    private void request() {
        // Everything is caught: a scheduled task that throws is never run again, and would stop counting silently.
        try {
            String answer = ItServer.throughRouter(routerPort, hostname, "/");
            if (answer.startsWith("HTTP/1.1 200") && answer.contains(expected)) {
                answers.incrementAndGet();
            } else {
                failed(answer.lines().findFirst().orElse("an empty answer"));
            }
        } catch (Exception e) {
            failed(e.toString());
        }
    }

    private void failed(String what) {
        failures.incrementAndGet();
        if (keptFailures.incrementAndGet() <= KEPT_FAILURES) {
            firstFailures.add(Instant.now() + " " + what);
        }
    }

    /** Stops the clients and waits for the requests in flight, so that the counts are final. */
    @Override
    public void close() throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new AssertionError("the router load's requests did not end within a minute");
        }
    }
}
