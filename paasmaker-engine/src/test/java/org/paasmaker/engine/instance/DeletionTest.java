package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.EngineFixture;

/** Deleting versions and applications: instances, files, packages and records go; services only when asked. */
class DeletionTest {

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void theServingVersionIsRefusedAndAStoppedOneGoesWithItsInstancesAndPackage() throws Exception {
        ApplicationVersion version = fixture.prepareSample("hello-python");
        fixture.succeed(fixture.engine().versions().start(version.id()));
        fixture.succeed(fixture.engine().versions().makeCurrent(version.id()));

        assertThatThrownBy(() -> fixture.engine().versions().delete(version.id()))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("version 1 is the current one and RUNNING; make another version current, or stop it,"
                        + " before deleting it");

        fixture.succeed(fixture.engine().versions().stop(version.id()));
        Path packageFile = fixture.engine().versions().packageFile(version.id());
        fixture.succeed(fixture.engine().versions().delete(version.id()));

        assertThat(fixture.engine().versions().list(version.applicationId())).isEmpty();
        assertThat(packageFile).doesNotExist();
        assertThat(list(fixture.engine().home().resolve("instances"))).isEmpty();
        assertThat(list(fixture.engine().home().resolve("processes"))).isEmpty();
    }

    @Test
    void anApplicationDeletedWithoutItsServicesKeepsThemForItsNextVersionAndWithThemLosesThem() throws Exception {
        ApplicationVersion first = fixture.prepareSample("hello-java");
        ApplicationId application = first.applicationId();
        fixture.succeed(fixture.engine().versions().start(first.id()));
        Path uploads = Path.of(fixture.engine().applications().services(application).stream()
                .filter(service -> service.name().equals("uploads")).findFirst().orElseThrow()
                .credentials().string("directory"));
        Files.writeString(uploads.resolve("kept.txt"), "a user's file");

        fixture.succeed(fixture.engine().applications().delete(application, false));

        assertThat(fixture.engine().versions().list(application)).isEmpty();
        assertThat(fixture.engine().applications().services(application)).hasSize(2);
        assertThat(uploads.resolve("kept.txt")).hasContent("a user's file");
        assertThat(list(fixture.engine().home().resolve("instances"))).isEmpty();
        assertThat(list(fixture.engine().home().resolve("packages"))).isEmpty();

        ApplicationVersion next = fixture.prepareSample("hello-java");
        assertThat(next.applicationId()).isEqualTo(application);
        assertThat(next.number()).as("numbers are never reused").isEqualTo(2);

        fixture.succeed(fixture.engine().applications().delete(application, true));

        assertThat(fixture.engine().applications().list(fixture.workspace().id())).isEmpty();
        assertThat(uploads).doesNotExist();
        assertThat(list(fixture.engine().home().resolve("packages"))).isEmpty();
    }

    private static java.util.List<Path> list(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return java.util.List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }
}
