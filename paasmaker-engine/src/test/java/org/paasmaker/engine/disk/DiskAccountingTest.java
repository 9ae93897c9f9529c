package org.paasmaker.engine.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.disk.ApplicationDisk;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.disk.DiskUsage;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.engine.EngineFixture;

/** What the platform holds, by kind and application; and its free space, which health and prepares heed. */
class DiskAccountingTest {

    private static final String MANIFEST = """
            manifest: {format: 1}
            application: {name: weigher}
            instances:
              - name: worker
                standalone: true
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters: {launch_command: "sleep 600", standalone_wait: 1}
            """;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.diskLimit(new DiskLimit(0)));

    @Test
    void theHoldingsAreCountedByKindAndByApplication() throws Exception {
        Path app = EngineFixture.writeApp(fixture.temp().resolve("app"), Map.of("manifest.yml", MANIFEST,
                "data.bin", "x".repeat(200_000)));
        ApplicationVersion version = prepared(app);
        fixture.succeed(fixture.engine().versions().start(version.id()));
        long packageBytes = Files.size(fixture.engine().versions().packageFile(version.id()));

        DiskUsage usage = fixture.engine().disk().measure();

        assertThat(usage.bytes().get(DiskKind.PACKAGES)).isEqualTo(packageBytes);
        assertThat(usage.bytes().get(DiskKind.INSTANCES)).isGreaterThanOrEqualTo(200_000);
        assertThat(usage.bytes().get(DiskKind.JOBS)).isPositive();
        assertThat(usage.total()).isEqualTo(usage.bytes().values().stream().mapToLong(Long::longValue).sum());
        assertThat(usage.freeBytes()).isPositive().isLessThanOrEqualTo(usage.diskBytes());
        assertThat(usage.low()).isFalse();
        ApplicationDisk share = fixture.engine().disk().application(version.applicationId());
        assertThat(share.name()).isEqualTo("weigher");
        assertThat(share.workspace()).isEqualTo("test");
        assertThat(share.bytes().get(DiskKind.PACKAGES)).isEqualTo(packageBytes);
        assertThat(share.bytes().get(DiskKind.INSTANCES)).isEqualTo(usage.bytes().get(DiskKind.INSTANCES));
        assertThat(fixture.engine().disk().lowSpaceWarning()).isEmpty();
    }

    @Test
    void aMeasureIsReusedForAFewSeconds() {
        DiskUsage first = fixture.engine().disk().usage();

        assertThat(fixture.engine().disk().usage().measuredAt()).isEqualTo(first.measuredAt());
        assertThat(fixture.engine().disk().measure().measuredAt()).isAfterOrEqualTo(first.measuredAt());
    }

    @Test
    void sizesReadAsPeopleReadThem() {
        assertThat(Sizes.describe(0)).isEqualTo("0 bytes");
        assertThat(Sizes.describe(1)).isEqualTo("1 byte");
        assertThat(Sizes.describe(12 * 1024 * 1024 + 300 * 1024)).isEqualTo("12.3 MB");
        assertThat(Sizes.describe(3L << 30)).isEqualTo("3.0 GB");
    }

    @Test
    void theLimitIsReadFromItsVariable() {
        assertThat(DiskLimit.from(Map.of())).isEqualTo(DiskLimit.DEFAULT);
        assertThat(DiskLimit.from(Map.of(DiskLimit.VARIABLE, " 5000 ")).lowBytes()).isEqualTo(5000);
        assertThatThrownBy(() -> DiskLimit.from(Map.of(DiskLimit.VARIABLE, "lots")))
                .hasMessageStartingWith("PAASMAKER_DISK_LOW_BYTES is 'lots'; give the free space to keep");
    }

    private ApplicationVersion prepared(Path app) {
        var job = fixture.prepare(SourceSpec.directory(app));
        assertThat(job.state()).as(fixture.logs(job)).isEqualTo(org.paasmaker.api.job.JobState.SUCCESS);
        return fixture.engine().versions().get(new org.paasmaker.api.version.VersionId(
                Long.parseLong(job.tags().get("version_id"))));
    }

    /** An engine whose disk is, by its limit, always too full. */
    @org.junit.jupiter.api.Nested
    final class FullDiskTest {

        @RegisterExtension
        final EngineFixture full = EngineFixture.perTest(builder -> builder.diskLimit(new DiskLimit(Long.MAX_VALUE / 4)));

        @Test
        void aPrepareThatWouldNotFitIsRefusedBeforeItStartsAndHealthWarns() throws Exception {
            Path app = EngineFixture.writeApp(full.temp().resolve("app"), Map.of("manifest.yml", MANIFEST,
                    "data.bin", "x".repeat(100 * 1024)));

            assertThatThrownBy(() -> full.engine().versions().prepare(new PrepareRequest(full.workspace().id(),
                    SourceSpec.directory(app))))
                    .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL))
                    .hasMessageMatching("the platform's disk has \\d+\\.\\d [KMGT]B free; this prepare needs about"
                            + " 300\\.\\d KB \\(3 times its source's 100\\.\\d KB\\) and the platform keeps .* free"
                            + " \\(PAASMAKER_DISK_LOW_BYTES\\); delete old versions .*");
            assertThat(full.engine().applications().list(full.workspace().id())).isEmpty();
            assertThat(full.engine().disk().lowSpaceWarning()).hasValueSatisfying(warning -> assertThat(warning)
                    .startsWith("the platform's disk has ").contains("PAASMAKER_DISK_LOW_BYTES"));
            assertThat(full.engine().disk().usage().low()).isTrue();
        }
    }
}
