package org.paasmaker.engine.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.certificate.CertificateSource;

class FileCertificateStoreTest {

    private static final String CHAIN = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path home;

    @Test
    void certificatesAreKeptAcrossOpeningsWithKeysOnlyThePlatformReads() throws Exception {
        Path directory = home.resolve("certificates");
        KeptCertificate kept = kept("0123456789abcdef", Optional.of(new ApplicationId(7)));
        FileCertificateStore.open(directory, fail()).save(kept);

        FileCertificateStore again = FileCertificateStore.open(directory, fail());

        assertThat(again.list()).containsExactly(kept);
        assertThat(again.find("0123456789abcdef")).contains(kept);
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory.resolve("0123456789abcdef.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(directory.resolve("0123456789abcdef.key"))).isEqualTo(KEY);
        assertThat(Files.readString(directory.resolve("0123456789abcdef.json"))).doesNotContain("PRIVATE KEY");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("0123456789abcdef.key",
                    "0123456789abcdef.json");
        }
    }

    @Test
    void deletingForgetsTheRecordAndTheKey() {
        Path directory = home.resolve("certificates");
        FileCertificateStore store = FileCertificateStore.open(directory, fail());
        store.save(kept("0123456789abcdef", Optional.empty()));
        store.save(kept("fedcba9876543210", Optional.empty()));

        store.delete("0123456789abcdef");

        assertThat(store.list()).extracting(KeptCertificate::id).containsExactly("fedcba9876543210");
        assertThat(FileCertificateStore.open(directory, fail()).list()).extracting(KeptCertificate::id)
                .containsExactly("fedcba9876543210");
        assertThat(directory.resolve("0123456789abcdef.key")).doesNotExist();
    }

    @Test
    void whatACrashLeftIsCleanedAndABadRecordSkippedWithAWarning() throws Exception {
        Path directory = Files.createDirectories(home.resolve("certificates"));
        Files.writeString(directory.resolve("aaaaaaaaaaaaaaaa.key"), KEY);
        Files.writeString(directory.resolve("bbbbbbbbbbbbbbbb.json"), "{not json");
        Files.writeString(directory.resolve("cccccccccccccccc.json123.tmp"), "half");
        List<String> warnings = new ArrayList<>();

        FileCertificateStore store = FileCertificateStore.open(directory, warnings::add);

        assertThat(store.list()).isEmpty();
        assertThat(directory.resolve("aaaaaaaaaaaaaaaa.key")).doesNotExist();
        assertThat(directory.resolve("cccccccccccccccc.json123.tmp")).doesNotExist();
        assertThat(warnings).singleElement().asString().contains("bbbbbbbbbbbbbbbb.json");
    }

    @Test
    void aStringThatIsNoIdFindsNothing() {
        FileCertificateStore store = FileCertificateStore.open(home.resolve("certificates"), fail());

        assertThat(store.find("../token")).isEmpty();
        store.delete("../token");
    }

    private static KeptCertificate kept(String id, Optional<ApplicationId> application) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new KeptCertificate(new Certificate(id, List.of("hello.example.com"), "CN=Fake", now,
                now.plusSeconds(3600), CertificateSource.UPLOADED, List.of("hello.example.com"), application), CHAIN, KEY);
    }

    private static java.util.function.Consumer<String> fail() {
        return warning -> {
            throw new AssertionError(warning);
        };
    }
}
