package org.paasmaker.war.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Reads a job's server-sent events (GET /jobs/{id}/events) until its {@code end} event, within a deadline. */
final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the wire carried it. */
    record Event(String name, String id, String data) {
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
            return reading.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
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

    private static void read(Iterator<String> lines, List<Event> events) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    Event event = new Event(name, id, data.toString());
                    events.add(event);
                    if (name.equals("end")) {
                        return;
                    }
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }
}
