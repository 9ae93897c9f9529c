package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CacheValidatorsTest {

    private final CacheValidators validators = new CacheValidators("\"a-1\"", Instant.parse("2024-03-05T06:07:08Z"));

    @Test
    void formatsLastModifiedAsAnImfFixdate() {
        assertThat(validators.lastModifiedHeader()).isEqualTo("Tue, 05 Mar 2024 06:07:08 GMT");
    }

    @Test
    void ifNoneMatchComparesWeaklyAcrossListsAndRepeatedHeaders() {
        assertThat(validators.notModified(headers("If-None-Match", "\"a-1\""))).isTrue();
        assertThat(validators.notModified(headers("If-None-Match", "W/\"a-1\""))).isTrue();
        assertThat(validators.notModified(headers("If-None-Match", "\"x\",\"a-1\""))).isTrue();
        assertThat(validators.notModified(headers("If-None-Match", "\"x\"", "If-None-Match", "\"a-1\""))).isTrue();
        assertThat(validators.notModified(headers("If-None-Match", "*"))).isTrue();
        assertThat(validators.notModified(headers("If-None-Match", "\"a-2\""))).isFalse();
        assertThat(validators.notModified(headers("If-None-Match", "a-1"))).isFalse();
    }

    @Test
    void ifModifiedSinceComparesSeconds() {
        assertThat(validators.notModified(headers("If-Modified-Since", "Tue, 05 Mar 2024 06:07:08 GMT"))).isTrue();
        assertThat(validators.notModified(headers("If-Modified-Since", "Tue, 5 Mar 2024 06:07:09 GMT"))).isTrue();
        assertThat(validators.notModified(headers("If-Modified-Since", "Tue, 05 Mar 2024 06:07:07 GMT"))).isFalse();
        assertThat(validators.notModified(headers("If-Modified-Since", "Tuesday, 05-Mar-24 06:07:08 GMT"))).isFalse();
        assertThat(validators.notModified(new Headers())).isFalse();
    }

    @Test
    void ifNoneMatchDecidesAloneWhenPresent() {
        assertThat(validators.notModified(headers("If-None-Match", "\"x\"", "If-Modified-Since", "Tue, 05 Mar 2024 06:07:08 GMT")))
                .isFalse();
    }

    @Test
    void ifRangeNeedsTheStrongTagOrTheExactDate() {
        assertThat(validators.rangeApplies(null)).isTrue();
        assertThat(validators.rangeApplies("\"a-1\"")).isTrue();
        assertThat(validators.rangeApplies("W/\"a-1\"")).isFalse();
        assertThat(validators.rangeApplies("\"a-2\"")).isFalse();
        assertThat(validators.rangeApplies("Tue, 05 Mar 2024 06:07:08 GMT")).isTrue();
        assertThat(validators.rangeApplies("Tue, 05 Mar 2024 06:07:09 GMT")).isFalse();
        assertThat(validators.rangeApplies("soon")).isFalse();
    }

    private static Headers headers(String... namesAndValues) {
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
