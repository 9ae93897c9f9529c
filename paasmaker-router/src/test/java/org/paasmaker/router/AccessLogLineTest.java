package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogLineTest {

    private static final long TIME = Instant.parse("2026-12-06T14:03:07.045Z").toEpochMilli();
    private final AccessLogLine line = new AccessLogLine();

    @Test
    void aLineIsOneJsonObjectWithThePathWithoutItsQuery() throws Exception {
        String text = text(new AccessLog.Entry(TIME, "app.example.com", "GET", "/orders/7?token=secret", 200, 1234,
                "10.0.0.5:42001", 1_234_567));

        assertThat(text).isEqualTo("{\"time\":\"2026-12-06T14:03:07.045Z\",\"host\":\"app.example.com\",\"method\":\"GET\","
                + "\"path\":\"/orders/7\",\"status\":200,\"bytes\":1234,\"upstream\":\"10.0.0.5:42001\","
                + "\"durationMicros\":1234}\n");
    }

    @Test
    void quotesBackslashesAndControlsAreEscapedAndOtherCharactersAreUtf8() throws Exception {
        String host = "caf\u00e9.\u4f8b\u3048.jp";
        String path = "/a\"b\\c\td\u0001/\ud83d\ude00/\ud800x";
        JsonNode json = new ObjectMapper().readTree(text(new AccessLog.Entry(TIME, host, "GET", path, 0, 0, "-", 999)));

        assertThat(json.get("host").asText()).isEqualTo(host);
        assertThat(json.get("path").asText()).as("a lone surrogate becomes '?', as Java's encoder writes it")
                .isEqualTo("/a\"b\\c\td\u0001/\ud83d\ude00/?x");
        assertThat(json.get("durationMicros").asLong()).isZero();
        assertThat(json.get("status").asInt()).isZero();
    }

    @Test
    void aLongLineGrowsTheBufferAndTheLineAfterItStartsAfresh() throws Exception {
        String longPath = "/" + "x".repeat(10_000);
        JsonNode json = new ObjectMapper().readTree(text(new AccessLog.Entry(TIME, "h", "POST", longPath, 413, -1, "-",
                Long.MAX_VALUE)));

        assertThat(json.get("path").asText()).isEqualTo(longPath);
        assertThat(json.get("bytes").asLong()).isEqualTo(-1);
        assertThat(json.get("durationMicros").asLong()).isEqualTo(Long.MAX_VALUE / 1000);
        assertThat(text(new AccessLog.Entry(TIME + 1000, "h", "GET", "/", 204, 0, "-", 0)))
                .startsWith("{\"time\":\"2026-12-06T14:03:08.045Z\"").contains("\"path\":\"/\"").endsWith("}\n");
    }

    private String text(AccessLog.Entry entry) {
        line.encode(entry);
        ByteBuffer out = ByteBuffer.allocate(line.length());
        line.writeTo(out);
        return new String(out.array(), StandardCharsets.UTF_8);
    }
}
