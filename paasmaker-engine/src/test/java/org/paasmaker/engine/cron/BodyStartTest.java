package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyStartTest {

    @Test
    void keepsAShortBodyWhole() {
        assertThat(BodyStart.decode(bytes("done"), 1024)).isEqualTo("done");
        assertThat(BodyStart.decode(new byte[0], 1024)).isEmpty();
    }

    @Test
    void cutsBeforeACharacterThatStraddlesTheLimit() {
        // "aé" is 3 bytes; a limit of 2 would split the é.
        assertThat(BodyStart.decode(bytes("aéz"), 2)).isEqualTo("a");
        assertThat(BodyStart.decode(bytes("aéz"), 3)).isEqualTo("aé");
        assertThat(BodyStart.decode(bytes("a\uD83D\uDE00"), 4)).as("a 4-byte character").isEqualTo("a");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
