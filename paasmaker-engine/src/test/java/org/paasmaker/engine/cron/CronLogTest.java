package org.paasmaker.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.cron.CronExpression;
import org.paasmaker.api.manifest.CronSpec;

class CronLogTest {

    private static final Instant SLOT = Instant.parse("2025-06-02T12:05:00Z");
    private static final CronJob JOB = new CronJob("app-7/web/0",
            new CronSpec(CronExpression.parse("* * * * *"), "/task", Optional.empty(), Optional.empty()));

    @TempDir
    Path directory;

    @Test
    void readsBackTheLastLinesOfOneCronOnly() {
        CronLog log = new CronLog(directory);
        CronJob other = new CronJob("app-7/web/1", JOB.spec());
        for (int i = 0; i < 3; i++) {
            log.append(CronLogEntry.notCalled(SLOT, SLOT.plusSeconds(60L * i), JOB, CronOutcome.MISSED, "down"));
        }
        log.append(CronLogEntry.notCalled(SLOT, SLOT, other, CronOutcome.SKIPPED, "no running instance"));

        List<String> lines = log.tail(JOB.key(), 2);

        assertThat(lines).containsExactly(
                "{\"time\":\"2025-06-02T12:05:00Z\",\"slot\":\"2025-06-02T12:06:00Z\",\"cron\":\"app-7/web/0\","
                        + "\"uri\":\"/task\",\"outcome\":\"missed\",\"reason\":\"down\"}",
                "{\"time\":\"2025-06-02T12:05:00Z\",\"slot\":\"2025-06-02T12:07:00Z\",\"cron\":\"app-7/web/0\","
                        + "\"uri\":\"/task\",\"outcome\":\"missed\",\"reason\":\"down\"}");
        assertThat(log.tail("app-7/web/2", 10)).as("a cron that never logged").isEmpty();
    }

    @Test
    void escapesControlCharactersSoAnEntryStaysOneLine() {
        CronLog log = new CronLog(directory);

        log.append(CronLogEntry.called(SLOT, SLOT, JOB, CallResult.answered(200, 3, "a\nb\u0001")));

        assertThat(log.tail(JOB.key(), 10)).singleElement().asString()
                .contains("\"status\":200,\"duration_ms\":3,\"body\":\"a\\nb\\u0001\"");
    }

    @Test
    void movesAFullLogAsideAndKeepsReadingAcrossTheCut() {
        CronLog log = new CronLog(directory);
        String reason = "x".repeat(1000);
        int entries = (int) (CronLog.MAX_BYTES / reason.length()) + 10;
        for (int i = 0; i < entries; i++) {
            log.append(CronLogEntry.notCalled(SLOT, SLOT.plusSeconds(60L * i), JOB, CronOutcome.MISSED, reason));
        }

        assertThat(directory.resolve("app-7~web~0.log.1")).exists();
        assertThat(Files.exists(directory.resolve("app-7~web~0.log.2"))).isFalse();
        assertThat(log.tail(JOB.key(), 20)).hasSize(20)
                .last().asString().contains(SLOT.plusSeconds(60L * (entries - 1)).toString());
    }
}
