package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code paasmaker service export} and {@code import}: the dump's bytes to a file or standard output, and back. */
class ServiceDumpCommandsTest {

    private static final byte[] DUMP = "REDIS0010\u00fa\u0000\u00ffbinary".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path home;

    @RegisterExtension
    final FakePaasmaker server = new FakePaasmaker();
    private Map<String, String> environment;

    @BeforeEach
    void start() throws Exception {
        server
                .on("GET", "services/4/export", (request, exchange) -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, DUMP.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(DUMP);
                    }
                })
                .on("POST", "services/4/import", (request, exchange) -> exchange.sendResponseHeaders(204, -1))
                .json("POST", "services/5/import", 400, "{\"type\": \"invalid-request\", \"title\": \"Invalid request\","
                        + " \"status\": 400, \"detail\": \"the file is not a dump paasmaker.service.managedredis imports:"
                        + " it is a PostgreSQL dump\", \"errors\": []}");
        environment = server.environment(home);
    }

    @Test
    void exportWritesTheDumpToAFile() {
        Path file = home.resolve("counter-cache.rdb");

        CommandLineRun run = CommandLineRun.in(environment, "service", "export", "4", "--file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(file).hasBinaryContent(DUMP);
        assertThat(run.out()).isEqualTo("Exported service 4 to " + file + " (" + DUMP.length + " bytes).\n");
    }

    @Test
    void exportWithoutAFileWritesTheBytesToStandardOutput() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CommandLine commandLine = PaasmakerCommand.commandLine(new CliContext(environment, false,
                InputStream.nullInputStream(), stdout));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("service", "export", "4");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(stdout.toByteArray()).isEqualTo(DUMP);
    }

    @Test
    void exportToATerminalIsRefusedRatherThanPrintingBinary() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CommandLine commandLine = PaasmakerCommand.commandLine(new CliContext(environment, true,
                InputStream.nullInputStream(), stdout));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("service", "export", "4");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("a dump is binary; give a file with --file FILE");
        assertThat(stdout.toByteArray()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void importSendsTheFile() throws Exception {
        Path file = Files.write(home.resolve("counter-cache.rdb"), DUMP);

        CommandLineRun run = CommandLineRun.in(environment, "service", "import", "4", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests("POST", "services/4/import")).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo(DUMP);
            assertThat(request.contentType()).isEqualTo("application/octet-stream");
        });
        assertThat(run.out()).isEqualTo("Imported " + file + " into service 4; its earlier data is replaced.\n");
    }

    @Test
    void aRefusedImportPrintsTheServersReasonAndExitsWithItsCode() throws Exception {
        Path file = Files.write(home.resolve("wrong.dump"), "PGDMP".getBytes(StandardCharsets.US_ASCII));

        CommandLineRun run = CommandLineRun.in(environment, "service", "import", "5", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("it is a PostgreSQL dump").doesNotContain("at org.");
    }
}
