package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.internal.Directories;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An engine in a temporary home, with a workspace, and helpers to write applications and prepare them.
 * Built at once from a home, or for each test as a JUnit extension:
 * <pre>{@code
 * @RegisterExtension
 * final EngineFixture fixture = EngineFixture.perTest();
 * }</pre>
 * which builds the engine in a fresh directory before each test, and after it removes every version's
 * instances (they outlive their engine on purpose), closes the engine and deletes the directory.
 */
public final class EngineFixture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final UnaryOperator<Paasmaker.Builder> settings;
    private Path temp;
    private Paasmaker engine;
    private Workspace workspace;

    public EngineFixture(Path home) {
        this(home, builder -> builder);
    }

    /** An engine built with the test's own settings on top of the fixture's. */
    public EngineFixture(Path home, UnaryOperator<Paasmaker.Builder> settings) {
        this.settings = settings;
        build(home);
    }

    private EngineFixture(UnaryOperator<Paasmaker.Builder> settings) {
        this.settings = settings;
    }

    /** An engine for each test, in a directory of its own. */
    public static EngineFixture perTest() {
        return perTest(builder -> builder);
    }

    /** An engine for each test, with the test's own settings on top of the fixture's. */
    public static EngineFixture perTest(UnaryOperator<Paasmaker.Builder> settings) {
        return new EngineFixture(settings);
    }

    private void build(Path home) {
        engine = settings.apply(Paasmaker.builder().home(home).nodeTags(Map.of("region", "test"))).build();
        // The engine keeps its records in its home: an engine on the home of an earlier one finds its workspace.
        workspace = engine.workspaces().list().stream().filter(existing -> existing.stub().equals("test")).findFirst()
                .orElseGet(() -> engine.workspaces().create(NewWorkspace.of("Test", "test", Map.of("RAILS_ENV", "test"))));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        temp = Files.createTempDirectory("paasmaker-test-");
        build(temp.resolve("home"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            stopEverything();
        } finally {
            close();
            Directories.deleteTree(temp);
        }
    }

    /** A directory of the test's own for what it writes (applications, archives), beside the engine's home. */
    public Path temp() {
        return temp;
    }

    public Paasmaker engine() {
        return engine;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** Writes files (path to content) under a directory; a path ending in ".sh" is made executable. */
    public static Path writeApp(Path directory, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            if (file.getKey().endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
        }
        return directory;
    }

    public JobView prepare(SourceSpec source) {
        return prepare(source, PrepareRequest.DEFAULT_MANIFEST);
    }

    public JobView prepare(SourceSpec source, String manifest) {
        JobId job = engine.versions().prepare(new PrepareRequest(workspace.id(), source, manifest));
        return engine.jobs().await(job, JOB_TIMEOUT);
    }

    /**
     * Writes an application whose one instance, in its startup command, says it waits (makes the file
     * {@code waiting}) and then waits until the file {@code gate} exists: a start held in its middle for as
     * long as a test needs.
     *
     * @param more further lines of the instance's entry (its placement, its hostnames), indented as its keys
     */
    public static Path writeGatedApp(Path directory, Path waiting, Path gate, String more) throws IOException {
        return writeApp(directory, Map.of("manifest.yml", """
                manifest: {format: 1}
                application: {name: gated}
                instances:
                  - name: web
                    quantity: 1
                    runtime:
                      plugin: paasmaker.runtime.shell
                      version: 1
                      parameters: {launch_command: "python3 -m http.server %%(port)d"}
                    startup:
                      - plugin: paasmaker.startup.shell
                        parameters:
                          commands:
                            - "set +x; touch %s; until [ -e %s ]; do sleep 0.05; done"
                """.formatted(waiting, gate) + more));
    }

    /** A folder of the repository's {@code samples}. */
    public static Path sample(String name) {
        return Path.of("..", "samples", name).toAbsolutePath().normalize();
    }

    /** Prepares a sample from its folder; the new version, or an error with the job's logs. */
    public ApplicationVersion prepareSample(String name) {
        return prepareFolder(sample(name));
    }

    /** Prepares an application's folder; the new version, or an error with the job's logs. */
    public ApplicationVersion prepareFolder(Path app) {
        JobView job = requireSuccess(prepare(SourceSpec.directory(app)));
        return engine.versions().get(new VersionId(Long.parseLong(job.tags().get("version_id"))));
    }

    /** Prepares, starts and makes current an application's folder; the version, or an error with the logs. */
    public VersionId deploy(Path app) {
        VersionId version = prepareFolder(app).id();
        succeed(engine.versions().start(version));
        succeed(engine.versions().makeCurrent(version));
        return version;
    }

    /** Starts the version, which must have one instance; that instance's port. */
    public int startOne(VersionId version) {
        succeed(engine.versions().start(version));
        List<Instance> instances = engine.versions().instances(version);
        assertThat(instances).hasSize(1);
        return instances.get(0).port().getAsInt();
    }

    /** The body of {@code path} on 127.0.0.1 at the port, which must answer 200. */
    public static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + " on port " + port + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Waits for the job; its tree, or an error with the logs of every job in it unless it succeeded. */
    public JobView succeed(JobId job) {
        return requireSuccess(engine.jobs().await(job, JOB_TIMEOUT));
    }

    private JobView requireSuccess(JobView job) {
        if (job.state() != org.paasmaker.api.job.JobState.SUCCESS) {
            throw new AssertionError("the job '" + job.title() + "' ended " + job.state() + ": " + job.summary()
                    + "\n" + logs(job));
        }
        return job;
    }

    /** The log of every job in the tree, in tree order: what a user reading a failure would see. */
    public String logs(JobView tree) {
        StringBuilder text = new StringBuilder();
        tree.walk(job -> text.append("[").append(job.title()).append("]\n").append(engine.jobs().log(job.id())));
        return text.toString();
    }

    /**
     * Deregisters every version: instances outlive their engine on purpose, so a test stops what it
     * started, also after a failure.
     */
    public void stopEverything() {
        engine.workspaces().list().forEach(ws -> engine.applications().list(ws.id())
                .forEach(app -> engine.versions().list(app.id()).forEach(version -> {
                    JobView done = engine.jobs().await(engine.versions().deregister(version.id()), JOB_TIMEOUT);
                    if (done.state() != org.paasmaker.api.job.JobState.SUCCESS) {
                        throw new AssertionError("could not clean up version " + version.id() + "\n" + logs(done));
                    }
                })));
    }

    @Override
    public void close() {
        engine.close();
    }

    /**
     * A test's teardown: stops what the test started and closes the engine (when the fixture was made),
     * then runs {@code afterwards} (closing the test's router, say) even when that failed.
     */
    public static void tearDown(EngineFixture fixture, Runnable afterwards) {
        try {
            if (fixture != null) {
                fixture.stopEverything();
                fixture.close();
            }
        } finally {
            afterwards.run();
        }
    }
}
