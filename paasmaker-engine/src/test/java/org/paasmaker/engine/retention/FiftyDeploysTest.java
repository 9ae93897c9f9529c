package org.paasmaker.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.disk.ApplicationDisk;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.disk.DiskUsage;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.disk.Sizes;
import org.paasmaker.engine.disk.TreeSize;

/**
 * Issue 13's "done when": fifty versions of a small application deployed in turn, each made current and
 * the one it replaced stopped, as {@code paasmaker deploy} does, except version 2, which the test leaves
 * running. The last five stay with their packages, stopped: a rollback to any is one make-current. Disk use, measured by the platform's accounting
 * and by a walk of the home, levels off; the figures it prints go into docs/benchmarks.md.
 */
class FiftyDeploysTest {

    private static final int DEPLOYS = 50;
    private static final int LEFT_RUNNING = 2;

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.retention(RetentionPolicy.DEFAULT));

    private final Deploys deploys = new Deploys(fixture);

    @Test
    void diskLevelsOffTheLastVersionsMakeCurrentInOneCallAndARunningOldOneStays() throws Exception {
        int keep = RetentionPolicy.DEFAULT.versions();
        List<VersionId> versions = new ArrayList<>();
        long[] application = new long[DEPLOYS + 1];
        long[] accounted = new long[DEPLOYS + 1];
        long[] walked = new long[DEPLOYS + 1];
        System.out.println("deploy  versions  application  platform (accounted)  home (walked)  jobs");
        for (int n = 1; n <= DEPLOYS; n++) {
            VersionId version = fixture.deploy(deploys.write("v" + n, "version " + n));
            versions.add(version);
            int replaced = n - 1;
            if (replaced >= 1 && replaced != LEFT_RUNNING) {
                deploys.stop(versions.get(replaced - 1));
            }
            deploys.retain(version);
            DiskUsage usage = fixture.engine().disk().measure();
            ApplicationDisk share = usage.applications().get(0);
            application[n] = share.total();
            accounted[n] = usage.total();
            walked[n] = TreeSize.of(fixture.engine().home());
            System.out.printf(Locale.ROOT, "%6d  %8d  %11s  %20s  %13s  %s%n", n, share.versions(),
                    Sizes.describe(application[n]), Sizes.describe(accounted[n]), Sizes.describe(walked[n]),
                    Sizes.describe(usage.bytes().get(DiskKind.JOBS)));
        }

        // The current version, the last five and version 2, which runs.
        List<ApplicationVersion> left = fixture.engine().versions().list(fixture.engine().versions()
                .get(versions.get(DEPLOYS - 1)).applicationId());
        assertThat(left).extracting(ApplicationVersion::number).containsExactlyInAnyOrder(2, 45, 46, 47, 48, 49, 50);
        // Still running: its instance, or the one the health checks put in its place had it died meanwhile.
        assertThat(fixture.engine().versions().get(versions.get(LEFT_RUNNING - 1)).state()).hasToString("RUNNING");
        assertThat(fixture.engine().versions().instances(versions.get(LEFT_RUNNING - 1)))
                .extracting(org.paasmaker.api.instance.Instance::state).contains(InstanceState.RUNNING);
        // Level: from the eighth deploy on, the application holds as much as then (one version in, one out),
        // and the platform as a whole no more than its job records' bound besides.
        int level = keep + 3;
        for (int n = level; n <= DEPLOYS; n++) {
            assertThat(application[n]).as("deploy %d", n).isBetween(application[level] * 9 / 10, application[level] * 11 / 10);
        }
        assertThat(walked[DEPLOYS]).isLessThan(walked[level] + 2 * 1024 * 1024);
        assertThat(Math.abs(accounted[DEPLOYS] - walked[DEPLOYS])).as("the accounting is a walk of the home")
                .isLessThan(64 * 1024);
        System.out.printf(Locale.ROOT, "after %d deploys: the application holds %s (%s per version kept), the platform %s%n",
                DEPLOYS, Sizes.describe(application[DEPLOYS]), Sizes.describe(application[DEPLOYS] / left.size()),
                Sizes.describe(walked[DEPLOYS]));

        // Each of the last five, stopped, makes current in one call (which starts it), and so does the newest again.
        for (int number = DEPLOYS - keep; number <= DEPLOYS; number++) {
            assertThat(fixture.succeed(fixture.engine().versions().makeCurrent(versions.get(number - 1))).state())
                    .isEqualTo(JobState.SUCCESS);
            assertThat(fixture.engine().versions().get(versions.get(number - 1)).current()).isTrue();
        }
    }
}
