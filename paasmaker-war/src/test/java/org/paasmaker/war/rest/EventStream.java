package org.paasmaker.war.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Reads server-sent events: a job's (GET /jobs/{id}/events) until its {@code end} event, within a
 * deadline, or any stream left open ({@link #open}) until the test closes it.
 */
final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the wire carried it, and when it arrived. */
    record Event(String name, String id, String data, Instant received) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private EventStream() {
    }

    static List<Event> follow(Api api, String jobId, Optional<String> lastEventId, Duration deadline) {
        HttpRequest.Builder request = api.request("jobs/" + jobId + "/events").header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        List<Event> events = new ArrayList<>();
        Instant opened = Instant.now();
        CompletableFuture<HttpResponse<Stream<String>>> call =
                api.http().sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<List<Event>> reading = call.thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new AssertionError("events answered " + response.statusCode());
            }
            try (Stream<String> lines = response.body()) {
                read(lines.iterator(), events);
            }
            return events;
        });
        try {
            List<Event> all = reading.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            printLatency(opened, all);
            return all;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AssertionError("job " + jobId + " sent no end event within " + deadline + "; it sent " + events);
        } catch (ExecutionException e) {
            throw new AssertionError("following job " + jobId + " failed after " + events, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The {@code end} event's job tree. */
    static JsonNode end(List<Event> events) {
        Event last = events.get(events.size() - 1);
        if (!last.name().equals("end")) {
            throw new AssertionError("the stream did not close with an end event: " + events);
        }
        return last.json();
    }

    /**
     * The job events' latency that users feel: from the job's end (its {@code finishedAt}, by the
     * server's clock, which is this machine's) to its {@code end} event here. Printed for streams that
     * were open before the job ended; a stream opened later is told the end at once, which says nothing.
     */
    private static void printLatency(Instant opened, List<Event> events) {
        if (events.isEmpty() || !events.get(events.size() - 1).name().equals("end")) {
            return;
        }
        Event end = events.get(events.size() - 1);
        JsonNode tree = end.json();
        Instant finished = Instant.parse(tree.path("finishedAt").asText());
        if (opened.isBefore(finished)) {
            System.out.printf("Job events over HTTP: '%s' ended %s; its end event arrived %.1f ms later%n",
                    tree.path("title").asText(), finished, Duration.between(finished, end.received()).toNanos() / 1e6);
        }
    }

    private static void read(Iterator<String> lines, List<Event> events) {
        Parser parser = new Parser(events::add);
        while (lines.hasNext()) {
            if (parser.line(lines.next())) {
                return;
            }
        }
    }

    /**
     * Opens a stream ({@code path} under the API, such as {@code instances/<id>/log}) and reads its
     * events as they come, until {@link Open#close()}.
     */
    static Open open(Api api, String path, Optional<String> lastEventId) {
        HttpRequest.Builder request = api.request(path).timeout(Duration.ofMinutes(10))
                .header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        Open open = new Open(path);
        api.http().sendAsync(request.GET().build(), info -> {
            open.status = info.statusCode();
            open.contentType = info.headers().firstValue("Content-Type").orElse("");
            return HttpResponse.BodySubscribers.fromLineSubscriber(open);
        });
        return open;
    }

    /** A stream left open: the events so far, and a wait for the one a test looks for. */
    static final class Open implements Flow.Subscriber<String>, AutoCloseable {

        private final String path;
        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final Parser parser = new Parser(events::add);
        private volatile Flow.Subscription subscription;
        private volatile boolean closed;
        volatile int status;
        volatile String contentType = "";
        volatile boolean ended;

        private Open(String path) {
            this.path = path;
        }

        List<Event> events() {
            return List.copyOf(events);
        }

        /** The first event that matches, once it has come. */
        Event await(Predicate<Event> which, Duration within, String what) {
            return waitFor(() -> events.stream().filter(which).findFirst(), within,
                    what + " on " + path + " (so far: " + events + ")");
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (closed) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            parser.line(line);
        }

        @Override
        public void onError(Throwable throwable) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        @Override
        public void close() {
            closed = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    private static Event waitFor(Supplier<Optional<Event>> found, Duration within, String what) {
        return Awaitility.await(what).atMost(within).until(found::get, Optional::isPresent).orElseThrow();
    }

    /** The lines of an event stream, read into events; a comment line and unknown fields are skipped. */
    private static final class Parser {

        private final Consumer<Event> events;
        private String name = "message";
        private String id;
        private final StringBuilder data = new StringBuilder();

        Parser(Consumer<Event> events) {
            this.events = events;
        }

        /** Reads one line; true after an {@code end} event. */
        boolean line(String line) {
            if (line.isEmpty()) {
                boolean end = false;
                if (data.length() > 0) {
                    events.accept(new Event(name, id, data.toString(), Instant.now()));
                    end = name.equals("end");
                }
                name = "message";
                data.setLength(0);
                return end;
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
            return false;
        }
    }
}
