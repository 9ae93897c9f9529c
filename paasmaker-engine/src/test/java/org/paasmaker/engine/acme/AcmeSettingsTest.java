package org.paasmaker.engine.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class AcmeSettingsTest {

    private static final String DIRECTORY = "https://acme-v02.api.letsencrypt.org/directory";

    @TempDir
    Path directory;

    @Test
    void noDirectoryLeavesAcmeOff() {
        assertThat(AcmeSettings.from(Map.of())).isEmpty();
        assertThat(AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, " ",
                AcmeSettings.EMAIL_VARIABLE, "ops@example.com"))).isEmpty();
    }

    @Test
    void readsTheDirectoryTheAddressAndTheCaFile() throws Exception {
        Path ca = Files.writeString(directory.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        AcmeSettings settings = AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, DIRECTORY,
                AcmeSettings.EMAIL_VARIABLE, " ops@example.com ", AcmeSettings.CA_VARIABLE, ca.toString())).orElseThrow();

        assertThat(settings).isEqualTo(new AcmeSettings(URI.create(DIRECTORY), Optional.of("ops@example.com"),
                Optional.of(ca)));
        assertThat(AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, DIRECTORY)).orElseThrow())
                .isEqualTo(new AcmeSettings(URI.create(DIRECTORY), Optional.empty(), Optional.empty()));
    }

    @Test
    void eachBadSettingIsNamedWithItsValue() {
        assertThatThrownBy(() -> AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, "acme server")))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageStartingWith("PAASMAKER_ACME_DIRECTORY is 'acme server'; ");
        assertThatThrownBy(() -> AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, "ftp://ca.example.com/dir")))
                .hasMessageStartingWith("PAASMAKER_ACME_DIRECTORY is 'ftp://ca.example.com/dir'; an ACME directory"
                        + " is an http(s) URL");
        assertThatThrownBy(() -> AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, DIRECTORY,
                AcmeSettings.EMAIL_VARIABLE, "ops at example.com")))
                .hasMessageStartingWith("PAASMAKER_ACME_EMAIL is 'ops at example.com'; ");
        Path missing = directory.resolve("missing.pem");
        assertThatThrownBy(() -> AcmeSettings.from(Map.of(AcmeSettings.DIRECTORY_VARIABLE, DIRECTORY,
                AcmeSettings.CA_VARIABLE, missing.toString())))
                .hasMessageStartingWith("PAASMAKER_ACME_CA is '" + missing + "'; give a readable PEM file")
                .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
