package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.api.rest.InstanceJson;
import org.paasmaker.api.rest.InstanceLogLines;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.VersionAccepted;
import org.paasmaker.api.rest.VersionJson;
import org.paasmaker.api.rest.WireFixtures;
import org.paasmaker.api.rest.WorkspaceJson;
import org.paasmaker.api.rest.WorkspaceRequest;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.client.JobEvent;
import org.paasmaker.client.JobEvents;
import org.paasmaker.client.LogFollow;
import org.paasmaker.client.PaasmakerClient;
import org.paasmaker.client.PaasmakerClientException;
import org.paasmaker.client.VersionSource;

/**
 * The Java SDK against the real server: a directory deployed, followed, started and made current, every
 * read checked against the server's own JSON and the shared wire fixtures' shape, a followed job whose
 * connection is cut resumed with nothing lost or repeated, and the problems a user meets.
 */
class ClientSdkIT {

    private static final Path SAMPLE = ItServer.sample("hello-python");
    private static final Duration JOB_LIMIT = Deployments.JOB_DEADLINE;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Properties whose values are maps with keys of the user's or the plugin's, not of the wire model. */
    private static final Set<String> FREE_MAPS = Set.of("tags", "parameters", "credentials", "runtimes");
    /** Properties that hold a record with a fixture of its own. */
    private static final Map<String, String> OWN_FIXTURES = Map.of("plugin", "plugin-json.json",
            "version", "version-json.json", "application", "application-json.json");

    private static Api api;
    private static PaasmakerClient client;
    private static String workspace;
    private static final List<Long> versions = new CopyOnWriteArrayList<>();

    @TempDir
    static Path temp;

    @BeforeAll
    static void server() {
        api = ItServer.api();
        client = PaasmakerClient.connect(ItServer.base(), ItServer.token());
        String stub = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        WorkspaceJson created = client.workspaces().create(new WorkspaceRequest("SDK", stub, Map.of("RAILS_ENV", "test")));
        assertThat(created.stub()).isEqualTo(stub);
        workspace = stub;
        assertShape(api.get("workspaces/" + stub).json(), "workspace-json.json");
    }

    @AfterAll
    static void stopEverythingStarted() {
        if (client == null) {
            return;
        }
        for (long version : versions) {
            for (String verb : List.of("stop", "deregister")) {
                try {
                    JobAccepted job = verb.equals("stop") ? client.versions().stop(version) : client.versions().deregister(version);
                    client.jobs().await(job.jobId(), JOB_LIMIT);
                } catch (PaasmakerClientException e) {
                    // Already stopped, or never started.
                }
            }
        }
        client.close();
    }

    @Test
    void aDirectoryIsDeployedFollowedStartedAndMadeCurrent() throws Exception {
        List<Long> sent = new CopyOnWriteArrayList<>();

        VersionAccepted accepted = client.versions().create(workspace, VersionSource.directory(SAMPLE),
                (bytes, total) -> sent.add(bytes));

        assertThat(sent).isNotEmpty().isSorted();
        assertNamesWithin(withoutNulls(JSON.valueToTree(accepted)), "version-accepted.json");
        List<JobEvent> events = new ArrayList<>();
        try (JobEvents following = client.jobs().follow(accepted.jobId())) {
            following.forEach(events::add);
        }
        JobJson prepared = ((JobEvent.End) events.get(events.size() - 1)).job();
        assertThat(prepared.state()).as("%s", prepared).isEqualTo(JobState.SUCCESS);
        assertThat(events).hasAtLeastOneElementOfType(JobEvent.State.class).hasAtLeastOneElementOfType(JobEvent.Log.class);
        assertThat(logs(events).values()).anySatisfy(log -> assertThat(log).contains("py_compile"));
        long version = versionOf(accepted, prepared);
        versions.add(version);

        assertThat(accepted.application()).as("the answer holds the application").isNotNull();
        assertThat(accepted.application().name()).isEqualTo("hello-python");
        assertThat(accepted.version().id()).isEqualTo(version);
        assertSameAsServer(client.jobs().get(accepted.jobId()), "jobs/" + accepted.jobId(), "job-json.json");
        assertThat(client.jobs().log(accepted.jobId())).isEqualTo(api.get("jobs/" + accepted.jobId() + "/log").body());
        assertSameAsServer(client.jobs().batch(accepted.jobId()), "jobs/" + accepted.jobId() + "/batch",
                "batch-execution-json.json");
        VersionJson read = client.versions().get(version);
        assertThat(read.state()).isEqualTo(VersionState.PREPARED);
        assertThat(read.manifest()).contains("name: hello-python");
        assertSameAsServer(read, "versions/" + version, "version-json.json");

        long application = read.applicationId();
        assertSameAsServer(client.applications().get(application), "applications/" + application, "application-json.json");
        assertSameAsServer(client.applications().versions(application), "applications/" + application + "/versions",
                "version-json.json");
        assertThat(api.get("applications/" + application + "/versions").json().findValues("manifest"))
                .as("a list leaves the manifests out").isEmpty();
        assertSameAsServer(client.applications().services(application), "applications/" + application + "/services",
                "service-json.json");
        assertThat(client.workspaces().applications(workspace)).extracting(ApplicationJson::name).containsExactly("hello-python");
        assertSameAsServer(client.workspaces().applications(workspace), "workspaces/" + workspace + "/applications",
                "application-json.json");
        assertSameAsServer(client.workspaces().list(), "workspaces", "workspace-json.json");

        JobJson started = client.jobs().await(client.versions().start(version).jobId(), JOB_LIMIT);
        assertThat(started.state()).as("%s", started).isEqualTo(JobState.SUCCESS);
        JobJson current = client.jobs().await(client.versions().makeCurrent(version).jobId(), JOB_LIMIT);
        assertThat(current.state()).as("%s", current).isEqualTo(JobState.SUCCESS);
        assertThat(client.versions().get(version).current()).isTrue();

        List<InstanceJson> instances = client.versions().instances(version);
        assertThat(instances).singleElement().satisfies(instance -> {
            assertThat(instance.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(instance.port()).isNotNull();
        });
        assertSameAsServer(instances, "versions/" + version + "/instances", "instance-json.json");
        String instance = instances.get(0).id();

        RoutingTable routes = client.routes();
        String ownHostname = read.number() + ".web.hello-python." + workspace + ".localhost";
        assertThat(routes.routes()).extracting(Route::hostname).contains(ownHostname);
        assertThat(routes.routes()).filteredOn(route -> route.hostname().equals(ownHostname)).singleElement()
                .satisfies(route -> assertThat(route.targets()).extracting(t -> t.instanceId()).containsExactly(instance));
        assertShape(api.get("routes").json(), "routing-table.json");

        List<InstanceLogLines> lines = new CopyOnWriteArrayList<>();
        try (LogFollow follow = client.instances().followLog(instance, 5, lines::add)) {
            assertThat(ItServer.throughRouter(ownHostname, "/sdk-follow")).startsWith("HTTP/1.1 ");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.text().contains("/sdk-follow")));
            assertThat(follow.isOpen()).isTrue();
        }
        assertThat(lines).allSatisfy(l -> assertThat(l.instance()).isEqualTo(instance));
        assertThat(client.instances().log(instance, 50)).contains("/sdk-follow");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.routerStatistics().instances())
                .anySatisfy(traffic -> {
                    assertThat(traffic.instanceId()).isEqualTo(instance);
                    assertThat(traffic.traffic().requests()).isPositive();
                }));
        assertShape(api.get("router/stats").json(), "router-statistics.json");
        assertSameAsServer(client.nodes(), "nodes", "node-json.json");
        assertSameAsServer(client.runtimes(), "runtimes", "runtime-json.json");
        assertSameAsServer(client.plugins(), "plugins", "plugin-json.json");
        assertThat(client.health().status()).isEqualTo("UP");
    }

    @Test
    void aFollowWhoseConnectionIsCutResumesWithNothingLostOrRepeated() throws Exception {
        // Followed live through a network that cuts the first connection a few hundred bytes in.
        VersionAccepted accepted = client.versions().create(workspace, VersionSource.directory(SAMPLE));
        List<JobEvent> live = new ArrayList<>();
        try (CuttingProxy proxy = new CuttingProxy(ItServer.base(), 300);
                PaasmakerClient cut = PaasmakerClient.builder().server(proxy.uri()).token(ItServer.token()).build();
                JobEvents following = cut.jobs().follow(accepted.jobId())) {
            following.forEach(live::add);
            assertThat(proxy.connections()).as("the first connection was cut, and the SDK made another").isGreaterThan(1);
        }
        JobJson prepared = ((JobEvent.End) live.get(live.size() - 1)).job();
        assertThat(prepared.state()).isEqualTo(JobState.SUCCESS);
        versions.add(versionOf(accepted, prepared));
        // The finished job told again from its start: the reference for what the live follow must have had.
        List<JobEvent> replay = new ArrayList<>();
        try (JobEvents following = client.jobs().follow(accepted.jobId())) {
            following.forEach(replay::add);
        }
        assertThat(states(live)).as("no state told twice").doesNotHaveDuplicates();
        assertThat(finalStates(live)).isEqualTo(finalStates(replay));
        assertThat(logs(live)).as("every job's log whole, once").isEqualTo(logs(replay));
        for (Map.Entry<String, String> log : logs(replay).entrySet()) {
            assertThat(log.getValue()).isEqualTo(client.jobs().log(log.getKey()));
        }
        assertThat(live.get(live.size() - 1)).isEqualTo(replay.get(replay.size() - 1));
        assertThat(live.stream().filter(JobEvent.End.class::isInstance)).hasSize(1);

        // Closed by the client after three events, then followed on from the last one's id.
        List<JobEvent> resumed = new ArrayList<>();
        String lastEventId;
        try (JobEvents first = client.jobs().follow(accepted.jobId())) {
            Iterator<JobEvent> events = first.iterator();
            for (int i = 0; i < 3; i++) {
                resumed.add(events.next());
            }
            lastEventId = first.lastEventId().orElseThrow();
        }
        try (JobEvents rest = client.jobs().follow(accepted.jobId(), lastEventId)) {
            rest.forEach(resumed::add);
        }
        assertThat(resumed).isEqualTo(replay);

        // Cut by the network a quarter, half and three quarters into the replay's bytes.
        int streamLength = api.send(api.request("jobs/" + accepted.jobId() + "/events")
                .header("Accept", "text/event-stream").GET().build()).body().getBytes(StandardCharsets.UTF_8).length;
        for (int cutAfter : new int[] {streamLength / 4, streamLength / 2, streamLength * 3 / 4}) {
            try (CuttingProxy proxy = new CuttingProxy(ItServer.base(), cutAfter);
                    PaasmakerClient cut = PaasmakerClient.builder().server(proxy.uri()).token(ItServer.token()).build();
                    JobEvents following = cut.jobs().follow(accepted.jobId())) {
                List<JobEvent> again = new ArrayList<>();
                following.forEach(again::add);

                assertThat(proxy.connections()).as("cut after %d bytes", cutAfter).isGreaterThan(1);
                assertThat(again).as("cut after %d bytes", cutAfter).isEqualTo(replay);
            }
        }
    }

    @Test
    void anUnknownWorkspaceIsNotFound() {
        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.workspaces().get("no-such-workspace"));
        PaasmakerClientException upload = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create("no-such-workspace", VersionSource.directory(SAMPLE)));

        for (PaasmakerClientException notFound : List.of(e, upload)) {
            assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.problem()).hasValueSatisfying(problem -> assertThat(problem.type()).isEqualTo("not-found"));
            assertThat(notFound.getMessage()).contains("no-such-workspace");
        }
        Api.Answer raw = api.get("workspaces/no-such-workspace");
        assertShape(raw.json(), "problem-not-found.json");
    }

    @Test
    void aBadManifestListsEveryErrorWithItsLine() throws IOException {
        Path source = Files.createDirectories(temp.resolve("bad-manifest"));
        Files.writeString(source.resolve("manifest.yml"), String.join("\n",
                "manifest:",
                "  format: 1",
                "application:",
                "  name: bad",
                "  colour: blue",
                "instances:",
                "  - name: Not_A_Label",
                "    quantity: -1",
                "    runtime:",
                "      plugin: paasmaker.runtime.nonesuch",
                "      version: 1",
                ""));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.versions().create(workspace, VersionSource.directory(source)));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldError::path)
                .contains("application.colour", "instances[0].name", "instances[0].quantity", "instances[0].runtime.plugin");
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.line()).isPositive());
        assertThat(e.errors()).filteredOn(error -> error.path().equals("application.colour"))
                .singleElement().satisfies(error -> assertThat(error.line()).isEqualTo(5));
        for (FieldError error : e.errors()) {
            assertThat(e.getMessage()).contains(error.path() + " (line " + error.line() + "): " + error.message());
        }
        assertThat(e.problem()).hasValueSatisfying(problem -> assertThat(JSON.valueToTree(problem).fieldNames())
                .toIterable().isSubsetOf(fieldNames(JSON.valueToTree(Wire.read("problem-invalid-manifest.json")))));
    }

    @Test
    void aWrongTokenAndANonExistentServerSayWhatToCheck() throws IOException {
        try (PaasmakerClient wrong = PaasmakerClient.connect(ItServer.base(), "not-the-token")) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, wrong::nodes);

            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("refused the token", ItServer.base().toString());
            assertThat(wrong.health().status()).as("health needs no token").isEqualTo("UP");
        }
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (PaasmakerClient unreachable = PaasmakerClient.connect(nobody, ItServer.token())) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, unreachable::nodes);

            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains(nobody.toString(), "is the server running", "PAASMAKER_SERVER");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** The version the prepare made, as the answer to its creation names it. */
    private static long versionOf(VersionAccepted accepted, JobJson prepared) {
        assertThat(accepted.version()).as("the version in the answer to its creation").isNotNull();
        assertThat(prepared.tags()).containsEntry("version_id", String.valueOf(accepted.version().id()));
        return accepted.version().id();
    }

    /** Each job's last state told. */
    private static Map<String, JobState> finalStates(List<JobEvent> events) {
        Map<String, JobState> states = new LinkedHashMap<>();
        events.stream().filter(JobEvent.State.class::isInstance).map(e -> ((JobEvent.State) e).change())
                .forEach(change -> states.put(change.job(), change.state()));
        return states;
    }

    private static List<String> states(List<JobEvent> events) {
        return events.stream().filter(JobEvent.State.class::isInstance).map(e -> ((JobEvent.State) e).change())
                .map(change -> change.job() + " " + change.state()).collect(Collectors.toList());
    }

    private static Map<String, String> logs(List<JobEvent> events) {
        Map<String, String> logs = new LinkedHashMap<>();
        events.stream().filter(JobEvent.Log.class::isInstance).map(e -> ((JobEvent.Log) e).lines())
                .forEach(lines -> logs.merge(lines.job(), lines.text(), String::concat));
        return logs;
    }

    /**
     * What the SDK read is what the server wrote (the record written back as JSON is the server's JSON,
     * nothing lost), and the server's JSON has only properties the wire fixture has, in the same places.
     */
    private static void assertSameAsServer(Object read, String path, String fixture) {
        JsonNode server = api.get(path).json();
        assertThat(withoutNulls(JSON.valueToTree(read))).as("%s read by the SDK", path).isEqualTo(withoutNulls(server));
        assertShape(server, fixture);
    }

    private static void assertShape(JsonNode server, String fixture) {
        JsonNode expected = Wire.read(fixture);
        if (server.isArray()) {
            server.forEach(element -> assertNamesWithin(element, fixture));
        } else {
            assertNamesWithin(server, fixture);
        }
        assertThat(expected).isNotNull();
    }

    /**
     * Every property of {@code actual} (an object) is one the fixture has at the same place: where a
     * fixture holds a record that has a fixture of its own, that one (it has every property), and for
     * arrays any of the fixture's elements.
     */
    private static void assertNamesWithin(JsonNode actual, String fixture) {
        assertNamesWithin(actual, Wire.read(fixture), fixture + ":");
    }

    private static void assertNamesWithin(JsonNode actual, JsonNode fixture, String where) {
        if (actual.isObject()) {
            assertThat(fieldNames(actual)).as("properties at %s", where).isSubsetOf(fieldNames(fixture));
            actual.fields().forEachRemaining(field -> {
                String key = field.getKey();
                if (!FREE_MAPS.contains(key) || field.getValue().isArray()) {
                    JsonNode expected = OWN_FIXTURES.containsKey(key) ? Wire.read(OWN_FIXTURES.get(key)) : fixture.path(key);
                    assertNamesWithin(field.getValue(), expected, where + "/" + key);
                }
            });
        } else if (actual.isArray() && fixture.isArray() && fixture.size() > 0) {
            com.fasterxml.jackson.databind.node.ObjectNode union = JSON.createObjectNode();
            fixture.forEach(element -> element.fields().forEachRemaining(field -> {
                if (!union.has(field.getKey())) {
                    union.set(field.getKey(), field.getValue());
                }
            }));
            actual.forEach(element -> assertNamesWithin(element, union, where + "[]"));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON-B leaves absent values out where Jackson writes null: compare without them, numbers as numbers. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), withoutNulls(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutNulls(element)));
            return copy;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? JSON.getNodeFactory().numberNode(node.decimalValue().longValue())
                    : JSON.getNodeFactory().numberNode(node.doubleValue());
        }
        return node;
    }

    /** The wire fixtures as JSON trees. */
    private static final class Wire {
        static JsonNode read(String fixture) {
            try {
                return JSON.readTree(WireFixtures.read(fixture));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A TCP proxy to the server that cuts its first connection after forwarding the answer's head and
     * {@code cutAfter} bytes of its body, as a network that drops a connection would; later connections
     * go through whole.
     */
    private static final class CuttingProxy implements AutoCloseable {

        private final ServerSocket listening;
        private final URI target;
        private final int cutAfter;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        CuttingProxy(URI target, int cutAfter) throws IOException {
            this.target = target;
            this.cutAfter = cutAfter;
            this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "cutting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listening.getLocalPort());
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    int number = connections.incrementAndGet();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    open.add(client);
                    open.add(server);
                    pump(client, server, Long.MAX_VALUE);
                    pump(server, client, number == 1 ? cutAfter : Long.MAX_VALUE);
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Copies from one socket to the other; {@code limit} bytes past the head (its blank line), closes both. */
        private void pump(Socket from, Socket to, long limit) {
            Thread thread = new Thread(() -> {
                int headEnd = 0;
                long body = 0;
                try (InputStream in = new java.io.BufferedInputStream(from.getInputStream());
                        OutputStream out = new java.io.BufferedOutputStream(to.getOutputStream())) {
                    for (int b = in.read(); b >= 0 && body < limit; b = in.read()) {
                        out.write(b);
                        if (headEnd < 4) {
                            headEnd = b == "\r\n\r\n".charAt(headEnd) ? headEnd + 1 : (b == '\r' ? 1 : 0);
                        } else {
                            body++;
                        }
                        if (in.available() == 0) {
                            out.flush();
                        }
                    }
                    out.flush();
                } catch (IOException e) {
                    // The other side closed.
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "cutting-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }

        @Override
        public void close() throws IOException {
            listening.close();
            open.forEach(CuttingProxy::closeQuietly);
        }
    }
}
