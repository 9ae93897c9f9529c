package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.paasmaker.api.rest.WireFixtures;

/** Checks that what the SDK read is exactly a wire fixture: written back, it is the same JSON. */
final class Wire {

    private static final ObjectMapper STRICT = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS)).build();

    private Wire() {
    }

    static JsonNode tree(String json) {
        try {
            return STRICT.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written as JSON and read back, so that numbers compare as the fixture's do. */
    static JsonNode tree(Object record) {
        try {
            return STRICT.readTree(STRICT.writeValueAsString(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertIsFixture(Object read, String fixture) {
        assertThat(tree(read)).as("read from %s", fixture).isEqualTo(tree(WireFixtures.read(fixture)));
    }

    /** The fixture as a JSON array of one element, as a list call answers. */
    static String listOf(String fixture) {
        return "[" + WireFixtures.read(fixture) + "]";
    }
}
