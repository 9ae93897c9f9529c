package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event stream format, by the HTML standard's rules. */
class SseReaderTest {

    private static List<SseReader.Event> read(String text, SseReader reader) throws IOException {
        List<SseReader.Event> events = new ArrayList<>();
        for (Optional<SseReader.Event> event = reader.next(); event.isPresent(); event = reader.next()) {
            events.add(event.get());
        }
        return events;
    }

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void eventsWithNamesIdsAndDataLines() throws IOException {
        String text = ": a comment\n"
                + "event: state\nid: c1\ndata: {\"a\":\ndata:1}\n not a field: ignored\n\n"
                + "event:log\r\nid:c2\r\ndata:x\r\n\r\n"
                + "data: no name\n\n";
        SseReader reader = reader(text);

        List<SseReader.Event> events = read(text, reader);

        assertThat(events).containsExactly(new SseReader.Event("state", "{\"a\":\n1}", "c1"),
                new SseReader.Event("log", "x", "c2"), new SseReader.Event("message", "no name", "c2"));
        assertThat(reader.lastEventId()).isEqualTo("c2");
    }

    @Test
    void anIdIsTheLastOnlyOnceItsEventIsWhole() throws IOException {
        SseReader reader = reader("event: state\nid: c1\ndata: 1\n\nevent: log\nid: c2\ndata: {\"cut\": ");

        List<SseReader.Event> events = read("", reader);

        assertThat(events).extracting(SseReader.Event::lastEventId).containsExactly("c1");
        assertThat(reader.lastEventId()).isEqualTo("c1");
    }

    @Test
    void anEventWithAnIdAndNoDataMovesTheIdButIsNotDispatched() throws IOException {
        SseReader reader = reader("id: c7\n\nretry: 100\nevent: log\ndata: x\n\n");

        List<SseReader.Event> events = read("", reader);

        assertThat(events).containsExactly(new SseReader.Event("log", "x", "c7"));
    }

    @Test
    void anEmptyStreamHasNoEvents() throws IOException {
        assertThat(reader("").next()).isEmpty();
        assertThat(new SseReader(new ByteArrayInputStream(new byte[0]), "c3").lastEventId()).isEqualTo("c3");
    }
}
