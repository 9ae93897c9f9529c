package org.paasmaker.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {

    private static final List<String> KEYS = List.of("name", "quantity", "runtime", "startup", "placement",
            "hostnames", "crons", "standalone", "exclusive");

    @ParameterizedTest
    @CsvSource({
        "hostname, hostnames",
        "Hostnames, hostnames",
        "quantty, quantity",
        "qunatity, quantity",
        "runtim, runtime",
        "cron, crons",
        "stand, standalone",
        "nmae, name"})
    void suggestsTheKnownNameAMisspeltOneResembles(String typed, String meant) {
        assertThat(DidYouMean.closest(typed, KEYS)).hasValue(meant);
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(DidYouMean.closest("colour", KEYS)).isEmpty();
        assertThat(DidYouMean.closest("x", KEYS)).isEmpty();
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertThat(DidYouMean.distance("qunatity", "quantity")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
    }
}
