package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;

/** {@code client.services()}: a dump out as bytes (to a stream, or to a file that appears whole or not at all) and back in. */
class ServicesDumpTest {

    private static final byte[] DUMP = "PGDMP\u0001\u000e\u0000binary".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();

    private void exportAnswers(byte[] body) {
        server.on("GET", "services/4/export", (request, exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"counter-db.dump\"");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            exchange.close();
        });
    }

    @Test
    void anExportArrivesAsTheServerSentIt() {
        exportAnswers(DUMP);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client.services().export(4, out);

        assertThat(out.toByteArray()).isEqualTo(DUMP);
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().path()).isEqualTo("/api/v1/services/4/export");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer " + FakeServer.TOKEN);
        assertThat(server.last().header("Accept")).contains("application/octet-stream", "application/problem+json");
    }

    @Test
    void anExportToAFileLeavesOnlyTheWholeFile() throws IOException {
        exportAnswers(DUMP);
        Path file = temp.resolve("counter-db.dump");

        client.services().export(4, file);

        assertThat(file).hasBinaryContent(DUMP);
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anExportThatBreaksOffLeavesNoFile() {
        server.on("GET", "services/4/export", (request, exchange) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, DUMP.length * 10L);
            exchange.getResponseBody().write(DUMP);
            exchange.getResponseBody().flush();
            exchange.close();
        });
        Path file = temp.resolve("counter-db.dump");

        assertThatThrownBy(() -> client.services().export(4, file)).isInstanceOfSatisfying(
                PaasmakerClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("broke during GET /api/v1/services/4/export");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void anExportOfAServiceWithoutDataIsTheServersProblem() {
        server.answer("GET", "services/5/export", 400, "application/problem+json", "{\"type\": \"invalid-request\","
                + " \"title\": \"Invalid request\", \"status\": 400, \"detail\": \"the paasmaker.service.parameters"
                + " service 'settings' has nothing to export or import\", \"errors\": []}");

        assertThatThrownBy(() -> client.services().export(5, temp.resolve("settings.dump")))
                .isInstanceOfSatisfying(PaasmakerClientException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("has nothing to export");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void anImportSendsTheFileAsItsBody() throws IOException {
        server.answer("POST", "services/4/import", 204, null, "");
        Path file = Files.write(temp.resolve("counter-db.dump"), DUMP);

        client.services().importDump(4, file);

        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().path()).isEqualTo("/api/v1/services/4/import");
        assertThat(server.last().header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(server.last().body()).isEqualTo(DUMP);
    }

    @Test
    void anImportTheServerRefusesSaysWhy() throws IOException {
        server.answer("POST", "services/4/import", 400, "application/problem+json", "{\"type\": \"invalid-request\","
                + " \"title\": \"Invalid request\", \"status\": 400, \"detail\": \"the file is not a dump"
                + " paasmaker.service.postgres imports: it is empty\", \"errors\": []}");
        Path file = Files.write(temp.resolve("empty.dump"), new byte[0]);

        assertThatThrownBy(() -> client.services().importDump(4, file)).isInstanceOf(PaasmakerClientException.class)
                .hasMessageContaining("it is empty");
    }

    @Test
    void anImportOfAMissingFileSendsNothing() {
        assertThatThrownBy(() -> client.services().importDump(4, temp.resolve("missing.dump")))
                .isInstanceOfSatisfying(PaasmakerClientException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("there is no file").hasMessageContaining("missing.dump");
        assertThat(server.requests()).isEmpty();
    }
}
