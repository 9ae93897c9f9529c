package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRecordsTest {

    private static final ProcessIdentity ENGINE = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();

    @TempDir
    Path directory;

    private final List<String> warnings = new ArrayList<>();

    private ProcessRecords records() {
        return new ProcessRecords(directory.resolve("processes"), warnings::add);
    }

    @Test
    void aSavedRecordLoadsAsItWas() throws IOException {
        ProcessRecord record = record("instance-1", ENGINE, 42001);

        records().save(record);

        assertThat(records().load()).containsExactly(record);
        try (Stream<Path> files = Files.list(directory.resolve("processes"))) {
            assertThat(files).as("no temporary file left").extracting(file -> file.getFileName().toString())
                    .containsExactly("instance-1.json");
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void savingAgainReplacesTheRecord() {
        records().save(record("instance-1", ENGINE, 42001));
        ProcessRecord moved = record("instance-1", ENGINE, 42002);

        records().save(moved);

        assertThat(records().load()).containsExactly(moved);
    }

    @Test
    void anUnreadableFileIsSkippedAndNamedAndTheOthersStillLoad() throws IOException {
        ProcessRecord good = record("instance-1", ENGINE, 0);
        records().save(good);
        Path truncated = directory.resolve("processes/instance-2.json");
        Files.writeString(truncated, "{\"format\": 1, \"key\": \"inst");
        Path incomplete = directory.resolve("processes/instance-3.json");
        Files.writeString(incomplete, "{\"format\": 1, \"key\": \"instance-3\", \"pid\": 12}");

        assertThat(records().load()).containsExactly(good);
        assertThat(warnings).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains(truncated.toString()))
                .anySatisfy(warning -> assertThat(warning).contains(incomplete.toString()));
    }

    @Test
    void aFileHoldingAnotherKeysRecordIsSkipped() throws IOException {
        records().save(record("instance-1", ENGINE, 0));
        Path copy = directory.resolve("processes/instance-2.json");
        Files.copy(directory.resolve("processes/instance-1.json"), copy);

        assertThat(records().load()).extracting(ProcessRecord::key).containsExactly("instance-1");
        assertThat(warnings).singleElement().asString().contains(copy.toString()).contains("'instance-1'");
    }

    @Test
    void aRecordIsFoundByItsKey() {
        ProcessRecord record = record("instance-1", ENGINE, 42001);
        records().save(record);

        assertThat(records().find("instance-1")).contains(record);
        assertThat(records().find("instance-2")).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aKeyCannotReachOutsideTheDirectory() throws IOException {
        Path outside = Files.writeString(directory.resolve("outside.json"), "{}");

        assertThatThrownBy(() -> records().delete("../outside")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../outside'");
        assertThatThrownBy(() -> records().find("../outside")).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).exists();
    }

    @Test
    void aDeletedRecordIsGoneAndDeletingAgainIsFine() {
        records().save(record("instance-1", ENGINE, 0));

        records().delete("instance-1");
        records().delete("instance-1");

        assertThat(records().load()).isEmpty();
        assertThat(records().find("instance-1")).isEmpty();
    }

    @Test
    void aDirectoryNotYetMadeHoldsNoRecords() {
        assertThat(records().load()).isEmpty();
    }

    @Test
    void adoptableAreTheRecordsWhoseProcessStillRunsAndDeadAreTheOthers() {
        ProcessRecord running = record("running", ENGINE, 0);
        ProcessRecord reusedPid = record("reused-pid",
                new ProcessIdentity(ENGINE.pid(), ENGINE.startTicks() + 1, ENGINE.bootId()), 0);
        ProcessRecord beforeReboot = record("before-reboot",
                new ProcessIdentity(ENGINE.pid(), ENGINE.startTicks(), "00000000-0000-0000-0000-000000000000"), 0);
        Stream.of(running, reusedPid, beforeReboot).forEach(records()::save);

        assertThat(records().adoptable()).containsExactly(running);
        assertThat(records().dead()).containsExactlyInAnyOrder(reusedPid, beforeReboot);
    }

    private ProcessRecord record(String key, ProcessIdentity identity, int port) {
        Path instance = directory.resolve("instances").resolve(key);
        return new ProcessRecord(key, identity, port, instance, instance.resolve("instance.log"),
                Instant.parse("2025-01-02T03:04:05.123456Z"));
    }
}
