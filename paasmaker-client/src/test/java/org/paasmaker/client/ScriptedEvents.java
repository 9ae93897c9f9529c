package org.paasmaker.client;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An event stream as the server sends it: a fixed list of events with ids {@code c1, c2, ...}, resumed
 * after the id a request gives as {@code Last-Event-ID}. Each connection can be told how to end: after
 * some events cleanly, cut in the middle of the next event, cut abruptly (fewer bytes than announced),
 * answered with an error, or held open.
 */
final class ScriptedEvents implements FakeServer.Handler {

    /** One event of the script. */
    record Event(String name, String data) {
    }

    /** How one connection goes. */
    sealed interface Connection {
        /** Every remaining event, then a clean end. */
        record Whole() implements Connection {
        }

        /** {@code events} events, then a clean end. */
        record EndAfter(int events) implements Connection {
        }

        /** {@code events} events, then the next one's id and half its data, then a clean end. */
        record CutInEvent(int events) implements Connection {
        }

        /** {@code events} events, then the connection drops with bytes still announced. */
        record Drop(int events) implements Connection {
        }

        /** {@code events} events, then nothing until released. */
        record Hold(int events, CountDownLatch release) implements Connection {
        }

        /** An error answer. */
        record Refuse(int status, String contentType, String body) implements Connection {
        }
    }

    private final List<Event> events;
    private final List<Connection> plan;
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private int connections;

    /** @param plan how each connection goes, in order; connections past the plan are {@link Connection.Whole}. */
    ScriptedEvents(List<Event> events, List<Connection> plan) {
        this.events = List.copyOf(events);
        this.plan = List.copyOf(plan);
    }

    /** The {@code Last-Event-ID} of each connection, in order ("" for none). */
    List<String> lastEventIds() {
        return lastEventIds;
    }

    @Override
    public void handle(FakeServer.Request request, HttpExchange exchange) throws IOException {
        Connection connection;
        synchronized (this) {
            connection = connections < plan.size() ? plan.get(connections) : new Connection.Whole();
            connections++;
        }
        String lastEventId = request.header("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "" : lastEventId);
        if (connection instanceof Connection.Refuse refuse) {
            FakeServer.send(exchange, refuse.status(), refuse.contentType(), refuse.body());
            return;
        }
        int from = lastEventId == null ? 0 : Integer.parseInt(lastEventId.substring(1));
        int count = connection instanceof Connection.EndAfter c ? c.events()
                : connection instanceof Connection.CutInEvent c ? c.events()
                : connection instanceof Connection.Drop c ? c.events()
                : connection instanceof Connection.Hold c ? c.events()
                : events.size();
        int to = Math.min(events.size(), from + count);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, connection instanceof Connection.Drop ? 1_000_000 : 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": following\n\n".getBytes(StandardCharsets.UTF_8));
        for (int i = from; i < to; i++) {
            out.write(frame(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (connection instanceof Connection.CutInEvent && to < events.size()) {
            String whole = frame(to);
            out.write(whole.substring(0, whole.length() - 8).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (connection instanceof Connection.Hold hold) {
            try {
                hold.release().await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.close();
    }

    /** Event {@code i} (0-based) on the wire, id {@code c<i+1>}. */
    String frame(int i) {
        Event event = events.get(i);
        StringBuilder text = new StringBuilder("event: ").append(event.name()).append('\n')
                .append("id: c").append(i + 1).append('\n');
        for (String line : event.data().split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString();
    }

    static List<Event> job(int logs) {
        String root = "0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11";
        String child = "d4c3b2a1-9f8e-4d7c-8b6a-5a4938271605";
        List<Event> events = new ArrayList<>();
        events.add(new Event("state", state(root, null, "RUNNING")));
        events.add(new Event("state", state(child, root, "RUNNING")));
        for (int i = 1; i <= logs; i++) {
            events.add(new Event("log", "{\"job\": \"" + child + "\", \"text\": \"line " + i + "\\n\"}"));
        }
        events.add(new Event("state", state(child, root, "FAILED")));
        events.add(new Event("state", state(root, null, "FAILED")));
        events.add(new Event("end", org.paasmaker.api.rest.WireFixtures.read("job-json.json")));
        return events;
    }

    private static String state(String job, String parent, String state) {
        return "{\"job\": \"" + job + "\"" + (parent == null ? "" : ", \"parentId\": \"" + parent + "\"")
                + ", \"title\": \"Job " + job.substring(0, 4) + "\", \"state\": \"" + state + "\", \"summary\": \"\"}";
    }
}
