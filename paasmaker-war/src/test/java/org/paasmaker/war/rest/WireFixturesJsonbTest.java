package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paasmaker.api.rest.WireFixtures;

/**
 * The server writes each wire record with JSON-B (Yasson, as Liberty's jsonb-3.0 runs it): written, it
 * is exactly the shared fixture the client's tests read, property for property.
 */
class WireFixturesJsonbTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final Jsonb JSONB = JsonbBuilder.create();

    static Iterable<WireFixtures.Fixture> fixtures() {
        return WireFixtures.all();
    }

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void jsonbWritesTheFixture(WireFixtures.Fixture fixture) throws Exception {
        Object record = JSONB.fromJson(fixture.json(), fixture.type());

        JsonNode written = JACKSON.readTree(JSONB.toJson(record));
        JsonNode expected = JACKSON.readTree(fixture.json());
        assertThat(written).isEqualTo(expected);
    }
}
