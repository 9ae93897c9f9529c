package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.rest.WireFixtures;

/** {@code paasmaker certificate upload, list, delete} against a fake server answering with the wire fixtures. */
class CertificateCommandsTest {

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server
                .json("GET", "workspaces/dev/applications", 200, "[" + WireFixtures.read("application-json.json") + "]")
                .fixture("POST", "applications/3/certificates", 201, "certificate-json.json")
                .json("GET", "applications/3/certificates", 200, "[" + WireFixtures.read("certificate-json.json") + "]")
                .json("GET", "certificates", 200, "[" + WireFixtures.read("certificate-json.json") + ", "
                        + WireFixtures.read("certificate-json-acme.json") + "]")
                .json("DELETE", "applications/3/certificates/3f2a9c0d4b5e6f70", 204, "");
        environment = server.environment(home, "PAASMAKER_WORKSPACE", "dev");
    }

    @Test
    void uploadSendsTheFilesAndTheHostnames() throws Exception {
        Path chain = Files.writeString(home.resolve("chain.pem"), "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(home.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nBB\n-----END PRIVATE KEY-----\n");

        CommandLineRun run = CommandLineRun.in(environment, "certificate", "upload", "hello-python", "--chain",
                chain.toString(), "--key", key.toString(), "--hostname", "hello.example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Uploaded certificate 3f2a9c0d4b5e6f70 for hello.example.com,"
                + " www.hello.example.com (hello.example.com, *.hello.example.com), issued by CN=R11,O=Let's Encrypt,C=US,"
                + " valid until 2027-03-01T00:00:00Z.\n");
        assertThat(JobStreams.JSON.readTree(server.requests("POST", "applications/3/certificates").get(0).text()))
                .isEqualTo(JobStreams.JSON.readTree("{\"chainPem\": \"" + Files.readString(chain).replace("\n", "\\n")
                        + "\", \"keyPem\": \"" + Files.readString(key).replace("\n", "\\n")
                        + "\", \"hostnames\": [\"hello.example.com\"]}"));
    }

    @Test
    void aKeyFileThatCannotBeReadIsAMessageNotATrace() {
        CommandLineRun run = CommandLineRun.in(environment, "certificate", "upload", "3", "--chain",
                home.resolve("missing.pem").toString(), "--key", home.resolve("missing.key").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read the chain file").doesNotContain("at org.");
        assertThat(server.requests("POST", "applications/3/certificates")).isEmpty();
    }

    @Test
    void listShowsAnApplicationsOrEveryCertificateWithItsRenewal() throws Exception {
        CommandLineRun application = CommandLineRun.in(environment, "certificate", "list", "dev/hello-python");
        CommandLineRun all = CommandLineRun.in(environment, "certificate", "list");
        CommandLineRun json = CommandLineRun.in(environment, "certificate", "list", "3", "-o", "json");

        assertThat(application.exitCode()).as(application.err()).isZero();
        assertThat(application.out().lines()).hasSize(2);
        assertThat(application.out()).startsWith("ID                APPLICATION  NAMES")
                .contains("3f2a9c0d4b5e6f70", "hello.example.com, *.hello.example.com", "2027-03-01T00:00:00Z", "uploaded",
                        "by upload");
        assertThat(all.out().lines()).hasSize(3);
        assertThat(all.out()).contains("acme", "FAILING: certificate for hello.example.com could not be renewed");
        assertThat(JobStreams.JSON.readTree(json.out()))
                .isEqualTo(JobStreams.JSON.readTree("[" + WireFixtures.read("certificate-json.json") + "]"));
    }

    @Test
    void deleteNamesTheCertificateAndAnUnknownOneIsNotFound() {
        CommandLineRun deleted = CommandLineRun.in(environment, "certificate", "delete", "3", "3f2a9c0d4b5e6f70");
        CommandLineRun unknown = CommandLineRun.in(environment, "certificate", "delete", "3", "0000000000000000");

        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted certificate 3f2a9c0d4b5e6f70.\n");
        assertThat(unknown.exitCode()).isEqualTo(4);
        assertThat(unknown.err()).doesNotContain("at org.");
    }
}
