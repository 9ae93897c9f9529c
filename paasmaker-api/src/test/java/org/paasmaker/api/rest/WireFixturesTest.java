package org.paasmaker.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every fixture reads into its record and writes back as the same JSON, as a client that knows every property would. */
class WireFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static Iterable<WireFixtures.Fixture> fixtures() {
        return WireFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aFixtureIsExactlyItsRecord(WireFixtures.Fixture fixture) throws Exception {
        JsonNode expected = JSON.readTree(fixture.json());
        Object record = JSON.readValue(fixture.json(), fixture.type());

        JsonNode written = JSON.readTree(JSON.writeValueAsString(record));
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void everyFixtureFileIsListed() {
        File folder = new File(Objects.requireNonNull(WireFixtures.class.getResource("/rest/")).getPath());
        Set<String> files = Arrays.stream(Objects.requireNonNull(folder.list())).collect(Collectors.toSet());
        Set<String> listed = WireFixtures.all().stream().map(WireFixtures.Fixture::file).collect(Collectors.toSet());

        assertThat(listed).isEqualTo(files);
    }
}
