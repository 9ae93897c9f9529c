package org.paasmaker.router;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Clients that send requests through the router without pause, each on a keep-alive connection of
 * its own (a new one only after a failure), and note every answer and every failure.
 */
public final class Load implements AutoCloseable {

    public record Failure(Instant at, String what) {
    }

    private final int routerPort;
    private final String host;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicReference<String> latest = new AtomicReference<>("");
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    public Load(int routerPort, String host, int clients) {
        this.routerPort = routerPort;
        this.host = host;
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::run, "load-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    public long answered() {
        return answered.get();
    }

    /** The body of the answer that arrived last. */
    public String latest() {
        return latest.get();
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    private void run() {
        RawHttp connection = null;
        while (running.get()) {
            try {
                if (connection == null) {
                    connection = new RawHttp(routerPort);
                }
                RawHttp.Response response = connection.get(host, "/");
                if (response.status() != 200) {
                    failures.add(new Failure(Instant.now(), "status " + response.status() + ": " + response.text()));
                } else {
                    latest.set(response.text());
                    answered.incrementAndGet();
                }
            } catch (IOException e) {
                failures.add(new Failure(Instant.now(), e.toString()));
                connection = closeQuietly(connection);
            }
        }
        closeQuietly(connection);
    }

    private static RawHttp closeQuietly(RawHttp connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // Already broken.
            }
        }
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(70));
        }
    }
}
