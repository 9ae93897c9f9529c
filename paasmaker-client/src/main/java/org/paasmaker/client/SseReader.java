package org.paasmaker.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads Server-Sent Events from a stream, by the rules of the HTML standard: {@code event}, {@code data}
 * (lines joined with newlines), {@code id} and comments; an event is dispatched at its blank line, and
 * only then does its id become the last event id, so an event cut off by a dropped connection is
 * dropped whole and asked for again.
 */
final class SseReader {

    /** One dispatched event: its name ({@code message} when it gave none), data, and the last event id then. */
    record Event(String name, String data, String lastEventId) {
    }

    private final BufferedReader lines;
    private String lastEventId;

    SseReader(InputStream in, String lastEventId) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.lastEventId = lastEventId;
    }

    String lastEventId() {
        return lastEventId;
    }

    /** The next event; empty when the stream ended (any event it was in the middle of is discarded). */
    Optional<Event> next() throws IOException {
        String name = "";
        StringBuilder data = null;
        String idBuffer = lastEventId;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                lastEventId = idBuffer;
                if (data != null) {
                    return Optional.of(new Event(name.isEmpty() ? "message" : name, data.toString(), lastEventId));
                }
                name = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        idBuffer = value;
                    }
                }
                default -> {
                    // "retry" and unknown fields: this client chooses its own delays.
                }
            }
        }
        return Optional.empty();
    }
}
