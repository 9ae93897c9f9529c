package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored instants read back as {@link Instant#parse} reads them, whatever their form. */
class StoredInstantsTest {

    @Test
    void everyFormThatInstantWritesReadsBackTheSame() {
        for (String text : new String[] {"2030-01-07T12:00:00Z", "2030-01-07T12:00:00.100Z", "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59.123456Z", "2026-12-06T08:05:30.123456789Z", "1969-12-31T23:59:59.999Z",
                "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "2016-12-31T23:59:60Z", "2030-01-07T12:00:00.1Z",
                "2030-01-07T24:00:00Z", "2030-01-07T12:00:00.Z"}) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        Random random = new Random(18);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-50_000_000_000L, 200_000_000_000L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            assertThat(StoredInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void whatIsNoInstantIsRefusedAsInstantRefusesIt() {
        for (String text : new String[] {"2030-01-07T12:00:0xZ", "2030-02-30T12:00:00Z",
                "2030-01-07 12:00:00Z", "2030-01-07T12:00:00.1234567890Z", "not an instant at all"}) {
            assertThatThrownBy(() -> StoredInstants.parse(text)).as(text).isInstanceOf(DateTimeException.class);
        }
    }
}
