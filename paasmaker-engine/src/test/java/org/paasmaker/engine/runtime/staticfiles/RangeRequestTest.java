package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {

    @ParameterizedTest
    @CsvSource({
        "bytes=0-99, 0, 99",
        "bytes=100-, 100, 999",
        "bytes=-100, 900, 999",
        "bytes=-5000, 0, 999",
        "bytes=990-5000, 990, 999",
        "BYTES=1-2, 1, 2",
        "bytes=999-999, 999, 999",
    })
    void aSingleRangeInsideTheFileIsASlice(String header, long first, long last) {
        assertThat(RangeRequest.parse(header, 1000)).isEqualTo(new RangeRequest.Slice(first, last));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=123456789012345678-"})
    void onlyBytesPastTheEndAreUnsatisfiable(String header) {
        assertThat(RangeRequest.parse(header, 1000)).isEqualTo(RangeRequest.UNSATISFIABLE);
    }

    @Test
    void anEmptyFileHasNoRangeToGive() {
        assertThat(RangeRequest.parse("bytes=0-", 0)).isEqualTo(RangeRequest.UNSATISFIABLE);
        assertThat(RangeRequest.parse("bytes=-1", 0)).isEqualTo(RangeRequest.UNSATISFIABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=5", "bytes=5-1", "bytes=0-1,5-6", "lines=0-1", "bytes=x-1",
        "bytes=1-y", "bytes=+1-2", "bytes=1234567890123456789-"})
    void anythingElseAsksForTheWholeFile(String header) {
        assertThat(RangeRequest.parse(header, 1000)).isEqualTo(RangeRequest.WHOLE);
    }

    @Test
    void noHeaderAsksForTheWholeFile() {
        assertThat(RangeRequest.parse(null, 1000)).isEqualTo(RangeRequest.WHOLE);
    }

    @Test
    void aSliceNamesItsLengthAndContentRange() {
        RangeRequest.Slice slice = new RangeRequest.Slice(10, 19);

        assertThat(slice.length()).isEqualTo(10);
        assertThat(slice.contentRange(1000)).isEqualTo("bytes 10-19/1000");
    }
}
