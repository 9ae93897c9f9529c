package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's database services through the real server: an application asking for a PostgreSQL, a
 * MySQL (MariaDB) and a Redis service gets databases of its own on the platform's managed servers,
 * which a second version finds again with their data, which another application's credentials cannot
 * open, which survive a SIGKILL of their server, and which go with the application when it is deleted
 * with its services; no password they were given reaches a job log or the server's logs.
 */
class ServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVER_BACK_WITHIN = Duration.ofMinutes(1);

    /** The original's shell runtime and hello-python's page, which shows the PM_SERVICES it was given. */
    private static final String INSTANCES = """
            instances:
              - name: web
                quantity: 1
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters:
                    launch_command: "python3 app.py --port=%(port)d"
            """;
    private static final String ONE_OF_EACH = """
            services:
              - name: db
                plugin: paasmaker.service.postgres
              - name: mysqldatabase
                plugin: paasmaker.service.mysql
              - name: cache
                plugin: paasmaker.service.managedredis
            """;
    /** As the original's tutorials wrote them, unchanged, and a PostgreSQL database. */
    private static final String TUTORIAL = """
            services:
              - name: mysqldatabase
                plugin: paasmaker.service.mysql
              - name: redis
                plugin: paasmaker.service.managedredis
              - name: db
                plugin: paasmaker.service.postgres
            """;

    private static Api api;
    private static Deployments deployments;
    private static String workspace;
    /** Every job this class started, whose logs are searched for the passwords. */
    private static final Set<String> jobs = new LinkedHashSet<>();
    /** Every password the services were given. */
    private static final Set<String> passwords = new LinkedHashSet<>();
    private static final List<String> applications = new ArrayList<>();

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        deployments = new Deployments(api);
        workspace = deployments.newWorkspace("Services").path("stub").asText();
    }

    /** Deletes with their services the applications a failed test left behind. */
    @AfterAll
    static void deleteTheApplications() {
        deployments.cleanUp();
        for (String application : applications) {
            Api.Answer deleting = api.delete("applications/" + application + "?services=true");
            if (deleting.status() == 202) {
                EventStream.follow(api, deleting.json().path("jobId").asText(), Optional.empty(),
                        Deployments.JOB_DEADLINE);
            }
        }
    }

    @Test
    void anApplicationsDatabasesAreItsOwnKeptAcrossVersionsBackAfterAKillAndGoneWithIt() throws Exception {
        Path sourceA = application("services-a", ONE_OF_EACH);
        Path sourceB = application("services-b", TUTORIAL);

        // Version 1 of A runs, with its three services.
        Deployed a1 = deploy(sourceA);
        String appA = a1.application();
        Map<String, JsonNode> servicesA = services(appA);
        assertThat(servicesA).containsOnlyKeys("db", "mysqldatabase", "cache");
        assertThat(servicesA.get("db").path("protocol").asText()).isEqualTo("pgsql");
        assertThat(servicesA.get("mysqldatabase").path("protocol").asText()).isEqualTo("mysql");
        assertThat(servicesA.get("cache").path("protocol").asText()).isEqualTo("redis");
        servicesA.values().forEach(c -> passwords.add(c.path("password").asText()));
        assertThat(passwords).as("a password per service, of 128 random bits or more").hasSize(3)
                .allSatisfy(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(22));
        JsonNode masked = api.get("applications/" + appA + "/services").json();
        assertThat(masked.findValuesAsText("password")).containsOnly("********");
        assertThat(instanceServices(a1.version())).as("PM_SERVICES of version 1's instance")
                .isEqualTo(asGiven(appA));

        // The application writes, as it would, with what it was given.
        JsonNode db = servicesA.get("db");
        JsonNode mysql = servicesA.get("mysqldatabase");
        JsonNode cache = servicesA.get("cache");
        try (Connection connection = ManagedServers.postgres(db); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE visits (n integer)");
            statement.execute("INSERT INTO visits VALUES (41)");
        }
        try (Connection connection = ManagedServers.mysql(mysql); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE visits (n integer)");
            statement.execute("INSERT INTO visits VALUES (42)");
        }
        assertThat(ManagedServers.redis(cache, "AUTH " + cache.path("password").asText(), "SET visits 43"))
                .containsExactly("+OK", "+OK");

        // B, written as the original's tutorials: the same kinds of service, none of them A's.
        Deployed b1 = deploy(sourceB);
        Map<String, JsonNode> servicesB = services(b1.application());
        assertThat(servicesB).containsOnlyKeys("mysqldatabase", "redis", "db");
        servicesB.values().forEach(c -> passwords.add(c.path("password").asText()));
        assertThat(instanceServices(b1.version())).isEqualTo(asGiven(b1.application()));
        aPasswordOpensItsOwnDatabaseAlone(db, servicesB.get("db"), ManagedServers::postgres);
        aPasswordOpensItsOwnDatabaseAlone(mysql, servicesB.get("mysqldatabase"), ManagedServers::mysql);
        assertThat(ManagedServers.redis(servicesB.get("redis"), "AUTH " + cache.path("password").asText()).get(0))
                .as("A's Redis password on B's server").startsWith("-WRONGPASS");

        // Version 2 of A: the same services, the same data.
        Deployed a2 = deploy(sourceA);
        assertThat(a2.application()).isEqualTo(appA);
        assertThat(services(appA)).as("the services version 2 finds").isEqualTo(servicesA);
        assertThat(instanceServices(a2.version())).isEqualTo(asGiven(appA));
        assertThat(visits(ManagedServers.postgres(db))).isEqualTo(41);
        assertThat(visits(ManagedServers.mysql(mysql))).isEqualTo(42);
        assertThat(ManagedServers.redis(cache, "AUTH " + cache.path("password").asText(), "GET visits"))
                .containsExactly("+OK", "43");

        // The managed PostgreSQL server, killed, is started again by the platform's upkeep, data and all.
        long killed = ManagedServers.postmasterPid().orElseThrow();
        assertThat(ProcessHandle.of(killed)).as("the postmaster %d", killed).isPresent();
        long killedAt = System.nanoTime();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await("the managed PostgreSQL server back after SIGKILL of its postmaster " + killed).atMost(SERVER_BACK_WITHIN)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> ManagedServers.postmasterPid().filter(pid -> pid != killed).isPresent()
                        && visits(ManagedServers.postgres(db)) == 41);
        System.out.printf("Managed PostgreSQL through the server: SIGKILL of its postmaster to the application's first"
                + " read again %d ms (the upkeep's health round comes every second)%n",
                Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        assertThat(ManagedServers.serversIn(ManagedServers.postgresDirectory(), "postgres"))
                .as("postmasters of the managed server").hasSize(1);

        // A deleted with its services: databases, users and the Redis server gone, B's left alone.
        String dbName = db.path("database").asText();
        String mysqlName = mysql.path("database").asText();
        Api.Answer deleting = api.delete("applications/" + appA + "?services=true");
        assertThat(deleting.status()).as(deleting.body()).isEqualTo(202);
        jobs.add(deleting.json().path("jobId").asText());
        deployments.succeeded(deleting.json().path("jobId").asText());
        applications.remove(appA);
        assertThat(api.get("applications/" + appA).status()).isEqualTo(404);
        try (Connection admin = ManagedServers.postgresAdmin()) {
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", dbName)).isFalse();
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", dbName)).isFalse();
            String other = servicesB.get("db").path("database").asText();
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", other)).isTrue();
        }
        try (Connection admin = ManagedServers.mysqlAdmin()) {
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?",
                    mysqlName)).isFalse();
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM mysql.user WHERE user = ?", mysqlName)).isFalse();
            String other = servicesB.get("mysqldatabase").path("database").asText();
            assertThat(ManagedServers.exists(admin, "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?",
                    other)).isTrue();
        }
        String redisName = cache.path("name").asText();
        assertThat(ManagedServers.redisDirectory().resolve(redisName)).doesNotExist();
        assertThat(ManagedServers.redisPid(redisName)).isEmpty();
        assertThatThrownBy(() -> ManagedServers.redis(cache, "PING")).as("A's Redis server").isInstanceOf(IOException.class);

        noPasswordInAnyJobLogOrServerLog();
    }

    @Test
    void serviceParametersAPluginDoesNotTakeAreRefusedWithTheirPath() throws IOException {
        Path source = application("services-bad-parameters", """
                services:
                  - name: db
                    plugin: paasmaker.service.postgres
                    parameters:
                      x: 1
                """);

        Api.Answer refused = deployments.upload(workspace, Deployments.tarball(source, temp));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("invalid-manifest");
        assertThat(refused.json().path("errors").findValuesAsText("path")).containsExactly("services[0].parameters.x");
    }

    @Test
    void aServiceThePlatformDoesNotOfferIsRefusedAsNotAvailable() throws IOException {
        Path source = application("services-unknown", """
                services:
                  - name: documents
                    plugin: paasmaker.service.managedmongodb
                """);

        Api.Answer refused = deployments.upload(workspace, Deployments.tarball(source, temp));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("path").asText()).isEqualTo("services[0].plugin");
        assertThat(error.path("message").asText()).contains("'paasmaker.service.managedmongodb' is not available")
                .contains("paasmaker.service.postgres");
    }

    /** A version's prepare and start, and the application it belongs to. */
    private record Deployed(String application, String version) {
    }

    private static Deployed deploy(Path source) {
        Api.Answer accepted = deployments.upload(workspace, Deployments.tarball(source, temp));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String version = deployments.versionOf(accepted);
        String application = accepted.json().path("application").path("id").asText();
        if (!applications.contains(application)) {
            applications.add(application);
        }
        String prepare = accepted.json().path("jobId").asText();
        jobs.add(prepare);
        deployments.succeeded(prepare);
        jobs.add(deployments.run(version, "start").path("id").asText());
        return new Deployed(application, version);
    }

    /** The application's services by name, with their credentials revealed. */
    private static Map<String, JsonNode> services(String application) {
        Api.Answer answer = api.get("applications/" + application + "/services?reveal=true");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        answer.json().forEach(service -> byName.put(service.path("name").asText(), service.path("credentials")));
        return byName;
    }

    /** PM_SERVICES as the application's instances get it: each service's credentials and its {@code provider}. */
    private static JsonNode asGiven(String application) {
        com.fasterxml.jackson.databind.node.ObjectNode given = JSON.createObjectNode();
        api.get("applications/" + application + "/services?reveal=true").json().forEach(service -> {
            com.fasterxml.jackson.databind.node.ObjectNode credentials = service.path("credentials").deepCopy();
            given.set(service.path("name").asText(), credentials.put("provider", service.path("plugin").asText()));
        });
        return given;
    }

    /** What the version's instance shows of its PM_SERVICES. */
    private static JsonNode instanceServices(String version) {
        JsonNode instances = api.get("versions/" + version + "/instances").json();
        assertThat(instances).as("the instances of version %s", version).hasSize(1);
        URI page = URI.create("http://127.0.0.1:" + instances.get(0).path("port").asInt() + "/");
        HttpRequest request = HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build();
        JsonNode[] shown = new JsonNode[1];
        await("the instance of version " + version + " at " + page).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> {
                    HttpResponse<String> answer = api.http().send(request, HttpResponse.BodyHandlers.ofString());
                    shown[0] = JSON.readTree(answer.body()).path("services");
                    return answer.statusCode() == 200;
                });
        return shown[0];
    }

    /** A JDBC connection with credentials given in full. */
    private interface Connector {
        Connection open(int port, String database, String user, String password) throws SQLException;
    }

    /** The password opens its own database, but not the other's: neither as its own user nor as the other's. */
    private static void aPasswordOpensItsOwnDatabaseAlone(JsonNode own, JsonNode other, Connector connector)
            throws SQLException {
        int port = own.path("port").asInt();
        String password = own.path("password").asText();
        try (Connection connection = connector.open(port, own.path("database").asText(), own.path("username").asText(),
                password)) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> connector.open(port, other.path("database").asText(), own.path("username").asText(),
                password).close()).as("%s's user on %s", own.path("username"), other.path("database"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connector.open(port, other.path("database").asText(), other.path("username").asText(),
                password).close()).as("%s's password for %s", own.path("username"), other.path("username"))
                .isInstanceOf(SQLException.class);
    }

    private static int visits(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n FROM visits")) {
            assertThat(rows.next()).as("a row in visits").isTrue();
            return rows.getInt(1);
        }
    }

    /**
     * Every job this class started, each job of their trees (its own log and its summary), and every
     * file of the server's logs (messages.log, console.log, trace.log with the store's SQL, FFDC files
     * if any).
     */
    private static void noPasswordInAnyJobLogOrServerLog() throws IOException {
        assertThat(passwords).isNotEmpty();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String job : jobs) {
            collectJobLogs(api.get("jobs/" + job).json(), texts);
        }
        Path logs = Path.of(System.getProperty("paasmaker.it.wlp"), "usr", "servers",
                System.getProperty("paasmaker.it.server"), "logs");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.put(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        assertThat(texts.keySet()).as("the logs searched").anyMatch(name -> name.endsWith("messages.log"))
                .anyMatch(name -> name.startsWith("job "));
        assertThat(texts).as("the server's trace of the store's SQL (src/it/liberty/configDropins)")
                .hasEntrySatisfying(logs.resolve("trace.log").toString(),
                        trace -> assertThat(trace).contains("INSERT INTO PM_SERVICE"));
        texts.forEach((name, text) -> {
            for (String password : passwords) {
                assertThat(text).as("%s holds a service's password", name).doesNotContain(password);
            }
        });
    }

    private static void collectJobLogs(JsonNode job, Map<String, String> texts) {
        String id = job.path("id").asText();
        Api.Answer log = api.get("jobs/" + id + "/log");
        assertThat(log.status()).as("the log of job %s: %s", id, log.body()).isEqualTo(200);
        texts.put("job " + id + " (" + job.path("title").asText() + ")", log.body() + "\n" + job.path("summary").asText());
        job.path("children").forEach(child -> collectJobLogs(child, texts));
    }

    /** hello-python's page with a manifest of these services. */
    private static Path application(String name, String services) {
        try {
            Path source = Files.createDirectories(temp.resolve(name));
            Files.copy(ItServer.sample("hello-python").resolve("app.py"), source.resolve("app.py"));
            Files.writeString(source.resolve("manifest.yml"), """
                    manifest:
                      format: 1
                    application:
                      name: %s
                    """.formatted(name) + INSTANCES + services);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
