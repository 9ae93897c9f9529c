package org.paasmaker.engine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.engine.agent.AgentCommand;

/**
 * Runs the embedded engine from the command line until the server lands: {@code prepare} packs a
 * version from a directory, an archive or a git repository; {@code run} also starts its instances,
 * prints where they answer, keeps them healthy, and stops and removes them on Ctrl-C; {@code serve}
 * adopts what an earlier engine left running and looks after it, leaving it running when it stops;
 * {@code agent} runs this machine's node for a controller on another machine.
 */
public final class Main {

    private static final Duration JOB_TIMEOUT = Duration.ofHours(1);
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar paasmaker-engine.jar (prepare | run) SOURCE [--manifest PATH] [--workspace STUB]",
            "       java -jar paasmaker-engine.jar serve",
            AgentCommand.USAGE,
            "  prepare  prepare and pack a new version, and say where its package is",
            "  run      prepare it, start its instances and keep them running until Ctrl-C",
            "  serve    take over the instances already running, keep them healthy and run their crons",
            "           until Ctrl-C, and leave them running",
            "  SOURCE   a directory, a .tar.gz/.tgz or .zip file, or a git URL",
            "  --manifest PATH   the manifest inside the source (default manifest.yml)",
            "  --workspace STUB  the workspace to prepare in (default dev, created if missing)",
            "Data goes to $PAASMAKER_HOME (default ~/.paasmaker).");

    private Main() {
    }

    public static void main(String[] args) {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted.countDown();
            try {
                // Let run() stop and remove its instances before the JVM goes.
                cleanedUp.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Paasmaker.Builder settings = Paasmaker.builder().routerProcess(Paasmaker.Builder.defaultRouterPort());
        int exit;
        try {
            exit = run(List.of(args), System.out, System.err, settings, () -> {
                try {
                    interrupted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } finally {
            // Also when run() fails unexpectedly: else the hook waits for ever and the JVM never ends.
            cleanedUp.countDown();
        }
        if (interrupted.getCount() > 0) {
            System.exit(exit);
        }
    }

    /**
     * @param untilStopped blocks while {@code run} keeps the instances up (until Ctrl-C, from main)
     */
    static int run(List<String> args, PrintStream out, PrintStream err, Paasmaker.Builder engineSettings,
            Runnable untilStopped) {
        if (args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Deque<String> words = new ArrayDeque<>(args);
        String command = words.poll();
        if ("agent".equals(command)) {
            return AgentCommand.run(List.copyOf(words), System.getenv(), out, err, untilStopped);
        }
        if ("serve".equals(command)) {
            if (!words.isEmpty()) {
                err.println("unexpected argument '" + words.peek() + "'" + System.lineSeparator() + USAGE);
                return 2;
            }
            return serveAll(engineSettings, out, err, untilStopped);
        }
        if (!"prepare".equals(command) && !"run".equals(command)) {
            err.println((command == null ? "a command is missing" : "unknown command '" + command + "'")
                    + System.lineSeparator() + USAGE);
            return 2;
        }
        String source = null;
        String manifest = PrepareRequest.DEFAULT_MANIFEST;
        String workspaceStub = "dev";
        while (!words.isEmpty()) {
            String word = words.poll();
            if (word.equals("--manifest") || word.equals("--workspace")) {
                if (words.isEmpty()) {
                    err.println(word + " needs a value" + System.lineSeparator() + USAGE);
                    return 2;
                }
                if (word.equals("--manifest")) {
                    manifest = words.poll();
                } else {
                    workspaceStub = words.poll();
                }
            } else if (source == null && !word.startsWith("--")) {
                source = word;
            } else {
                err.println("unexpected argument '" + word + "'" + System.lineSeparator() + USAGE);
                return 2;
            }
        }
        if (source == null) {
            err.println("the SOURCE to prepare is missing" + System.lineSeparator() + USAGE);
            return 2;
        }
        try (Paasmaker engine = engineSettings.build()) {
            Optional<ApplicationVersion> version = prepare(engine, source, manifest, workspaceStub, out);
            if (version.isEmpty()) {
                return ErrorCode.PREPARE_FAILED.exitCode();
            }
            return "run".equals(command) ? serve(engine, version.get().id(), out, untilStopped) : 0;
        } catch (PaasmakerException e) {
            err.println(e.getMessage());
            return e.code().exitCode();
        }
    }

    private static Optional<ApplicationVersion> prepare(
            Paasmaker engine, String source, String manifest, String stub, PrintStream out) {
        Workspace workspace = engine.workspaces().list().stream().filter(w -> w.stub().equals(stub)).findFirst()
                .orElseGet(() -> engine.workspaces().create(new NewWorkspace(stub, stub)));
        JobId job = engine.versions().prepare(new PrepareRequest(workspace.id(), sourceOf(source), manifest));
        if (!succeeded(engine, engine.jobs().await(job, JOB_TIMEOUT), out)) {
            return Optional.empty();
        }
        ApplicationVersion version = engine.versions().get(
                new VersionId(Long.parseLong(engine.jobs().get(job).tags().get("version_id"))));
        out.println("Version " + version.number() + " is " + version.state() + "; its package is "
                + engine.versions().packageFile(version.id()));
        return Optional.of(version);
    }

    private static int serve(Paasmaker engine, VersionId version, PrintStream out, Runnable untilStopped) {
        boolean started = succeeded(engine, engine.jobs().await(engine.versions().start(version), JOB_TIMEOUT), out);
        try {
            if (!started) {
                return ErrorCode.START_FAILED.exitCode();
            }
            for (Instance instance : engine.versions().instances(version)) {
                out.println(describe(instance));
            }
            if (engine.routes().enabled()
                    && succeeded(engine, engine.jobs().await(engine.versions().makeCurrent(version), JOB_TIMEOUT), out)) {
                printRoutes(engine, engine.versions().get(version), out);
            }
            out.println("Running; press Ctrl-C to stop and remove the instances.");
            out.flush();
            untilStopped.run();
            return 0;
        } finally {
            engine.jobs().await(engine.versions().deregister(version), JOB_TIMEOUT);
            out.println("Stopped and removed the instances of version " + engine.versions().get(version).number() + ".");
            out.flush();
        }
    }

    private static int serveAll(Paasmaker.Builder engineSettings, PrintStream out, PrintStream err, Runnable untilStopped) {
        try (Paasmaker engine = engineSettings.build()) {
            int running = 0;
            for (Workspace workspace : engine.workspaces().list()) {
                for (var application : engine.applications().list(workspace.id())) {
                    for (ApplicationVersion version : engine.versions().list(application.id())) {
                        for (Instance instance : engine.versions().instances(version.id())) {
                            if (instance.state() == org.paasmaker.api.instance.InstanceState.RUNNING) {
                                running++;
                                out.println(application.name() + " version " + version.number() + ": "
                                        + describe(instance));
                            }
                        }
                    }
                }
            }
            if (engine.routes().enabled()) {
                out.println("The router serves " + engine.routes().table().routes().size() + " hostnames on port "
                        + engine.routes().port() + ".");
            }
            out.println("Serving " + running + " running instances from " + engine.home()
                    + "; press Ctrl-C to stop the engine (the instances keep running).");
            out.flush();
            untilStopped.run();
            return 0;
        } catch (PaasmakerException e) {
            err.println(e.getMessage());
            return e.code().exitCode();
        }
    }

    /** The hostnames that reach the version through the router, as URLs to open. */
    private static void printRoutes(Paasmaker engine, ApplicationVersion version, PrintStream out) {
        String application = engine.applications().get(version.applicationId()).name();
        engine.routes().table().routes().stream()
                .filter(route -> route.targets().stream().anyMatch(target -> target.version() == version.number()
                        && target.application().endsWith("/" + application)))
                .forEach(route -> out.println("Through the router: http://" + route.hostname() + ":"
                        + engine.routes().port() + "/"));
    }

    private static String describe(Instance instance) {
        return instance.instanceType() + " instance " + instance.id() + (instance.port().isPresent()
                ? " answers on http://localhost:" + instance.port().getAsInt() + "/" : " runs (standalone)");
    }

    /** Prints the job tree, and the logs of the steps that failed. */
    private static boolean succeeded(Paasmaker engine, JobView tree, PrintStream out) {
        out.print(tree.render());
        if (tree.state() == JobState.SUCCESS) {
            return true;
        }
        tree.walk(step -> {
            if (step.state() == JobState.FAILED && step.children().isEmpty()) {
                out.println("--- log of '" + step.title() + "' ---");
                out.print(engine.jobs().log(step.id()));
            }
        });
        return false;
    }

    private static SourceSpec sourceOf(String source) {
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return SourceSpec.directory(path);
        }
        if (Files.isRegularFile(path) && (source.endsWith(".tar.gz") || source.endsWith(".tgz"))) {
            return SourceSpec.tarball(path);
        }
        if (Files.isRegularFile(path) && source.endsWith(".zip")) {
            return SourceSpec.zip(path);
        }
        return SourceSpec.git(source, null, null);
    }
}
