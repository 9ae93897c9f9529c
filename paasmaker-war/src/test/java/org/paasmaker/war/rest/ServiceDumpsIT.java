package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.ServiceJson;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.WorkspaceRequest;
import org.paasmaker.client.PaasmakerClient;
import org.paasmaker.client.PaasmakerClientException;
import org.paasmaker.client.VersionSource;

/**
 * A deployed application's PostgreSQL service, on the server's managed PostgreSQL, exported through
 * the REST API, its data dropped, and imported back with the SDK, then the same with the command-line
 * jar: the data reads as before each time. A dump of the wrong kind, one past the upload limit and a
 * service without data are refused with problem+json, and a pg_dump that fails is quoted in one.
 */
class ServiceDumpsIT {

    private static final Duration JOB_LIMIT = Deployments.JOB_DEADLINE;

    @TempDir
    static Path temp;

    private static Api api;
    private static PaasmakerClient client;
    private static Long application;

    @BeforeAll
    static void connect() {
        api = ItServer.api();
        client = PaasmakerClient.connect(ItServer.base(), ItServer.token());
    }

    @AfterAll
    static void deleteTheApplicationWithItsServices() {
        if (client == null) {
            return;
        }
        try {
            if (application != null) {
                client.jobs().await(client.applications().delete(application, true).jobId(), JOB_LIMIT);
            }
        } finally {
            client.close();
        }
    }

    @Test
    void aPostgresServiceIsExportedDroppedAndImportedBack() throws Exception {
        String stub = "dumps-" + UUID.randomUUID().toString().substring(0, 8);
        client.workspaces().create(new WorkspaceRequest("Dumps", stub, Map.of()));
        Path app = Files.createDirectories(temp.resolve("counter"));
        Files.writeString(app.resolve("manifest.yml"), """
                manifest: {format: 1}
                application: {name: counter}
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters:
                        launch_command: "python3 -m http.server %(port)d"
                services:
                  - name: db
                    plugin: paasmaker.service.postgres
                  - name: settings
                    plugin: paasmaker.service.parameters
                    parameters: {colour: blue}
                """);
        VersionAccepted accepted = client.versions().create(stub, VersionSource.directory(app));
        JobJson prepared = client.jobs().await(accepted.jobId(), JOB_LIMIT);
        assertThat(prepared.state()).as(client.jobs().log(accepted.jobId())).isEqualTo(JobState.SUCCESS);
        application = accepted.application().id();
        List<ServiceJson> services = client.applications().services(application, true);
        ServiceJson db = services.stream().filter(s -> s.name().equals("db")).findFirst().orElseThrow();
        ServiceJson settings = services.stream().filter(s -> s.name().equals("settings")).findFirst().orElseThrow();
        PluginParameters credentials = PluginParameters.of(db.credentials());
        execute(credentials, "CREATE TABLE counter (n integer)", "INSERT INTO counter VALUES (42)");

        HttpResponse<byte[]> export = api.http().send(HttpRequest.newBuilder(ItServer.base()
                .resolve("api/v1/services/" + db.id() + "/export")).header("Authorization", "Bearer " + ItServer.token())
                .timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/octet-stream"));
        assertThat(export.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"counter-db.dump\"");
        assertThat(new String(export.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
        Path dump = Files.write(temp.resolve("counter-db.dump"), export.body());

        execute(credentials, "DROP TABLE counter");
        client.services().importDump(db.id(), dump);

        assertThat(query(credentials, "SELECT n FROM counter")).isEqualTo("42");

        Api.Answer wrongKind = api.post("services/" + db.id() + "/import", "application/octet-stream",
                HttpRequest.BodyPublishers.ofString("REDIS0010 not a PostgreSQL dump"));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.contentType()).startsWith("application/problem+json");
        assertThat(wrongKind.body()).contains("it is a Redis RDB file").contains("was not touched");
        assertThat(query(credentials, "SELECT n FROM counter")).isEqualTo("42");

        byte[] tooLarge = new byte[(int) ItServer.maxUploadBytes() + 1];
        System.arraycopy(export.body(), 0, tooLarge, 0, export.body().length);
        Api.Answer declared = api.post("services/" + db.id() + "/import", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray(tooLarge));
        assertThat(declared.status()).isEqualTo(413);
        Api.Answer streamed = api.post("services/" + db.id() + "/import", "application/octet-stream",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge)));
        assertThat(streamed.status()).as("without a declared length, refused at the limit").isEqualTo(413);
        assertThat(streamed.body()).contains("PAASMAKER_MAX_UPLOAD_BYTES");
        assertThat(query(credentials, "SELECT n FROM counter")).isEqualTo("42");

        Api.Answer noData = api.get("services/" + settings.id() + "/export");
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.body()).contains("has nothing to export");
        assertThat(api.get("services/999999999/export").status()).isEqualTo(404);
        assertThat(api.get("services/nonsense/export").status()).isEqualTo(404);
        try {
            client.services().importDump(settings.id(), dump);
            throw new AssertionError("a parameters service took a dump");
        } catch (PaasmakerClientException e) {
            assertThat(e.getMessage()).contains("has nothing to export or import");
        }

        // The same through the command line as users run it: export to a file, drop, import.
        Path byCli = temp.resolve("by-cli.dump");
        assertThat(paasmaker("service", "export", Long.toString(db.id()), "--file", byCli.toString()))
                .contains("Exported service " + db.id() + " to " + byCli);
        assertThat(Files.readAllBytes(byCli)).startsWith("PGDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        execute(credentials, "DROP TABLE counter");
        assertThat(paasmaker("service", "import", Long.toString(db.id()), byCli.toString()))
                .contains("Imported " + byCli + " into service " + db.id());
        assertThat(query(credentials, "SELECT n FROM counter")).isEqualTo("42");

        // pg_dump refused before its first byte: the answer is still problem+json, quoting it.
        execute(credentials, "ALTER ROLE CURRENT_USER PASSWORD 'changed-by-the-application'");
        Api.Answer refused = api.get("services/" + db.id() + "/export");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("pg_dump").contains("password authentication failed")
                .doesNotContain(credentials.string("password"));
        await("the exports' files deleted").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var files = Files.list(ItServer.home().resolve("uploads"))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith("export-"));
            }
        });
    }

    @Test
    void theOpenApiDocumentListsExportAndImport() throws Exception {
        HttpResponse<String> document = api.http().send(HttpRequest.newBuilder(ItServer.base().resolve("openapi"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(document.body()).contains("/api/v1/services/{id}/export", "/api/v1/services/{id}/import");
    }

    /** Runs the shaded command-line jar against the test server; its standard output, once it exited with 0. */
    private static String paasmaker(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("paasmaker.cli.jar", "../paasmaker-client/target/paasmaker.jar"));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = temp.resolve("cli-" + UUID.randomUUID() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile()));
        builder.environment().put("PAASMAKER_SERVER", ItServer.base().toString());
        builder.environment().put("PAASMAKER_TOKEN", ItServer.token());
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("paasmaker %s finished", args)
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Connection open(PluginParameters credentials) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.string("username"));
        properties.setProperty("password", credentials.string("password"));
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + credentials.string("hostname") + ":"
                + credentials.integer("port") + "/" + credentials.string("database"), properties);
    }

    private static void execute(PluginParameters credentials, String... statements) throws Exception {
        try (Connection connection = open(credentials); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(PluginParameters credentials, String sql) throws Exception {
        try (Connection connection = open(credentials); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
