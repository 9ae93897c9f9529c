package org.paasmaker.engine.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry-After as RFC 9110 allows it: seconds, or a date (pebble sends neither, so it is checked here). */
class AcmeServerResponseTest {

    @Test
    void retryAfterInSeconds() {
        assertThat(withRetryAfter("7").retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsADateIsTheWaitUntilThen() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));

        assertThat(withRetryAfter(inAMinute).retryAfter().orElseThrow())
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(withRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT").retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void anUnreadableRetryAfterIsIgnored() {
        assertThat(withRetryAfter("soon").retryAfter()).isEmpty();
        assertThat(new AcmeServer.Response(200, HttpHeaders.of(Map.of(), (name, value) -> true), new byte[0],
                new ObjectMapper()).retryAfter()).isEmpty();
    }

    private static AcmeServer.Response withRetryAfter(String value) {
        return new AcmeServer.Response(200, HttpHeaders.of(Map.of("Retry-After", List.of(value)), (name, v) -> true),
                new byte[0], new ObjectMapper());
    }
}
