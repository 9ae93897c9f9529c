package org.paasmaker.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/** Each rule of retention, on real versions with real instances, packages and files. */
class RetentionTest {

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest(builder -> builder.retention(RetentionPolicy.versions(2)));

    private final Deploys deploys = new Deploys(fixture);

    @Test
    void keepsTheCurrentTheLastNARunningOneAndAKeptOneAndDeletesTheOlderStoppedOnes() throws Exception {
        VersionId running = fixture.deploy(deploys.write("v1", "one"));
        VersionId kept = fixture.deploy(deploys.write("v2", "two"));
        // The first stays running: nobody stopped it after the second became current.
        Path shared = deploys.write("shared", "shared");
        VersionId three = fixture.deploy(deploys.write("v3", "three"));
        String threePackage = version(three).packageChecksum().orElseThrow();
        List<Instance> threeInstances = fixture.engine().versions().instances(three);
        deploys.stop(kept);
        fixture.engine().versions().keep(kept, true);
        VersionId four = fixture.deploy(shared);
        assertThat(version(four).packageChecksum()).as("one folder prepared twice packs the same").isPresent();
        String fourPackage = version(four).packageChecksum().orElseThrow();
        deploys.stop(three);
        VersionId five = fixture.deploy(deploys.write("v5", "five"));
        deploys.stop(four);
        VersionId six = fixture.deploy(shared);
        deploys.stop(five);
        VersionId seven = fixture.deploy(deploys.write("v7", "seven"));
        deploys.stop(six);
        String sharedPackage = version(six).packageChecksum().orElseThrow();
        assertThat(sharedPackage).isEqualTo(fourPackage);

        JobView retention = deploys.retain(seven);

        assertThat(numbers()).as(fixture.logs(retention)).containsExactly(1, 2, 5, 6, 7);
        assertThat(retention.startedBy()).contains(Actor.PLATFORM);
        assertThat(version(running).state()).isEqualTo(org.paasmaker.api.version.VersionState.RUNNING);
        assertThat(fixture.engine().versions().instances(running)).extracting(Instance::state)
                .containsExactly(InstanceState.RUNNING);
        assertThat(version(kept).kept()).isTrue();
        assertThat(version(seven).current()).isTrue();
        assertThat(packageFile(threePackage)).doesNotExist();
        assertThat(packageFile(sharedPackage)).as("version 6 still has it").exists();
        assertThat(threeInstances).isNotEmpty().allSatisfy(instance -> assertThat(
                fixture.engine().home().resolve("instances").resolve(instance.id().value())).doesNotExist());
        String log = allLogs();
        assertThat(log).containsPattern("Deleted version 3 of keeper: package \\d+\\.\\d KB, instance files \\d+\\.\\d KB");
        assertThat(log).contains("Deleted version 4 of keeper: its package stays (another version has it)");
        assertThat(log).contains("Version 1 stays: it runs", "Version 2 stays: a user keeps it",
                "Version 7 stays: it is current", "Version 6 stays: it is one of the last 2");
        // The versions that stay still make current in one call, with their packages at hand.
        fixture.succeed(fixture.engine().versions().start(five));
        fixture.succeed(fixture.engine().versions().makeCurrent(five));
        assertThat(version(five).current()).isTrue();
    }

    @Test
    void aKeptVersionStaysUntilTheMarkIsTakenOff() throws Exception {
        VersionId first = fixture.deploy(deploys.write("v1", "one"));
        fixture.engine().versions().keep(first, true);
        VersionId second = fixture.deploy(deploys.write("v2", "two"));
        deploys.stop(first);
        VersionId third = fixture.deploy(deploys.write("v3", "three"));
        deploys.stop(second);
        fixture.deploy(deploys.write("v4", "four"));
        deploys.stop(third);
        VersionId last = fixture.deploy(deploys.write("v5", "five"));

        deploys.retain(last);
        assertThat(numbers()).contains(1).doesNotContain(2);

        fixture.engine().versions().keep(first, false);
        deploys.retain(last);
        assertThat(numbers()).containsExactly(3, 4, 5);
    }

    @Test
    void withNothingToDeleteTheJobSaysSo() throws Exception {
        VersionId only = fixture.deploy(deploys.write("v1", "one"));

        JobView retention = deploys.retain(only);

        assertThat(fixture.logs(retention)).contains("Version 1 stays: it is current", "Nothing to delete");
        assertThat(numbers()).containsExactly(1);
    }

    private ApplicationVersion version(VersionId id) {
        return fixture.engine().versions().get(id);
    }

    private List<Integer> numbers() {
        var application = fixture.engine().applications().list(fixture.workspace().id()).get(0);
        return fixture.engine().versions().list(application.id()).stream().map(ApplicationVersion::number).sorted()
                .toList();
    }

    private Path packageFile(String checksum) {
        return fixture.engine().home().resolve("packages").resolve(checksum + ".tar.gz");
    }

    /** Every job log under the home: the retention jobs a make-current or a prepare queued among them. */
    private String allLogs() throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(fixture.engine().home().resolve("jobs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
