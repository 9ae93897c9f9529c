package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.DrainResult;
import org.paasmaker.api.routing.RouterControl;
import org.paasmaker.api.routing.RouterHealth;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.DetachedLauncher;
import org.paasmaker.engine.process.EngineJava;
import org.paasmaker.engine.process.LaunchSpec;
import org.paasmaker.engine.process.LaunchedProcess;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessIdentity;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.process.RotatingLog;

/**
 * The router as a process of its own, seen from the engine. The process runs the router module's
 * jar ({@link RouterCode}) detached (its own session, output appended to {@code router.log}), so it outlives the engine's
 * JVM and keeps serving while the engine restarts; it is recorded on disk by pid and start time, and
 * the next engine adopts it instead of starting a second one. A router that died is started again
 * by the next call (or by {@link #ensureRunning()}, for a supervisor to call now and then); it
 * serves its persisted table at once, and the last table pushed through this object is pushed again
 * if it is newer.
 */
public final class RouterProcess implements RouterControl {

    private static final String RECORD_KEY = "router";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration FAILED_START_GRACE = Duration.ofSeconds(5);
    private static final int LOG_LINES_IN_ERRORS = 20;
    /**
     * The router writes a line when it starts and when something goes wrong: this is a great deal of
     * either. Its output is rotated when it is started or adopted (by copy and truncation, which its
     * append-mode writer survives).
     */
    private static final long OUTPUT_MAX_BYTES = 1024 * 1024;
    /**
     * Two malloc arenas, not eight per core: the router's native memory (the JIT's, Netty's and
     * BoringSSL's) comes from few threads, and each further arena holds megabytes of its own.
     */
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
            "MALLOC_ARENA_MAX", "2");

    private final RouterProcessSettings settings;
    private final RouterHome files;
    private final ProcessRecords records;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    // Guarded by this.
    private ProcessRecord record;
    private ControlClient control;
    private RoutingTable lastPushed;
    private Thread archiving;

    private RouterProcess(RouterProcessSettings settings) {
        this.settings = settings;
        this.files = new RouterHome(settings.stateDirectory());
        this.records = new ProcessRecords(settings.stateDirectory().resolve("process"), settings.warnings());
    }

    /**
     * Adopts the router process that the state directory records, when it still runs (and listens on
     * the port asked for); else starts one and waits until its control channel answers.
     */
    public static RouterProcess startOrAdopt(RouterProcessSettings settings) {
        RouterProcess process = new RouterProcess(settings);
        process.ensureRunning();
        return process;
    }

    /** Starts the router again if it died; does nothing while it runs. */
    public synchronized void ensureRunning() {
        if (record != null && record.identity().isAlive()) {
            return;
        }
        if (record != null) {
            settings.warnings().accept("The router process (pid " + record.identity().pid() + ") has died; starting"
                    + " a new one. Its log " + files.file(RouterHome.LOG) + " may say why.");
            record = null;
        }
        Optional<ProcessRecord> found = records.find(RECORD_KEY);
        if (found.isPresent() && found.get().identity().isAlive()) {
            ProcessRecord running = found.get();
            if (settings.proxyPort() == 0 || running.port() == settings.proxyPort()) {
                if (adopt(running)) {
                    return;
                }
            } else {
                settings.warnings().accept("The router process (pid " + running.identity().pid() + ") listens on port "
                        + running.port() + " but the router's port is now " + settings.proxyPort()
                        + "; stopping it and starting a new one.");
            }
            killer.stop(running.identity(), FAILED_START_GRACE);
        }
        launch();
    }

    /** The router's process id. */
    public synchronized long pid() {
        return current().identity().pid();
    }

    /** The port the router's proxy listens on. */
    @Override
    public synchronized int port() {
        return current().port();
    }

    /** The port the router's HTTPS listener listens on; {@link RouterProcessSettings#HTTPS_OFF} when it has none. */
    public int httpsPort() {
        ControlClient client;
        synchronized (this) {
            ensureRunning();
            client = control;
        }
        return client.health().httpsPort();
    }

    /** Where the router process's output goes. */
    public Path logFile() {
        return files.file(RouterHome.LOG);
    }

    @Override
    public synchronized void update(RoutingTable table) {
        ensureRunning();
        control.update(table);
        lastPushed = table;
    }

    @Override
    public synchronized RoutingTable table() {
        ensureRunning();
        return control.table();
    }

    @Override
    public DrainResult drain(RoutingTable next, Duration limit) {
        ControlClient client;
        synchronized (this) {
            ensureRunning();
            client = control;
            lastPushed = next;
        }
        // Outside the lock: a drain takes up to its limit, and statistics may be read meanwhile.
        return client.drain(next, limit);
    }

    @Override
    public RouterStatistics statistics() {
        ControlClient client;
        synchronized (this) {
            ensureRunning();
            client = control;
        }
        return client.statistics();
    }

    /** Stops the router process (SIGTERM, then SIGKILL after {@code grace}) and forgets it. */
    public synchronized void stop(Duration grace) {
        Optional<ProcessRecord> recorded = record != null ? Optional.of(record) : records.find(RECORD_KEY);
        recorded.ifPresent(running -> killer.stop(running.identity(), grace));
        records.delete(RECORD_KEY);
        record = null;
        control = null;
    }

    private ProcessRecord current() {
        ensureRunning();
        return record;
    }

    private boolean adopt(ProcessRecord running) {
        try {
            ControlClient client = new ControlClient(files.controlPort().orElseThrow(() -> new PaasmakerException(
                    ErrorCode.INTERNAL, "no " + files.file(RouterHome.CONTROL_PORT))), files.secret());
            int https = client.health().httpsPort();
            if (https != settings.httpsPort() && (settings.httpsPort() != 0 || https == RouterProcessSettings.HTTPS_OFF)) {
                settings.warnings().accept("The router process (pid " + running.identity().pid() + ") serves HTTPS on "
                        + (https == RouterProcessSettings.HTTPS_OFF ? "no port" : "port " + https)
                        + " but the router's HTTPS port is now " + settings.httpsPort() + "; stopping it and starting a new one.");
                return false;
            }
            record = running;
            control = client;
            boundOutput();
            return true;
        } catch (PaasmakerException e) {
            settings.warnings().accept("The router process (pid " + running.identity().pid() + ") runs but its control"
                    + " channel does not answer (" + e.getMessage() + "); stopping it and starting a new one.");
            return false;
        }
    }

    private void launch() {
        files.forgetControlPort();
        String secret = files.secret();
        List<String> command = new ArrayList<>();
        command.add(EngineJava.executable());
        command.addAll(settings.jvmOptions());
        Path lib = settings.stateDirectory().resolve("lib");
        RouterCode.Arguments code = settings.code().javaArguments(lib);
        Optional<RouterArchive> archive = code.jar().map(jar -> RouterArchive.of(jar, lib));
        archive.ifPresent(existing -> command.addAll(existing.options()));
        command.addAll(code.java());
        command.addAll(List.of("--home", files.directory().toString(), "--port", Integer.toString(settings.proxyPort()),
                "--https-port", Integer.toString(settings.httpsPort())));
        command.addAll(settings.routerArguments());
        Path log = files.file(RouterHome.LOG);
        boundOutput();
        LaunchedProcess launched = launcher.launch(new LaunchSpec(command, files.directory(),
                ENVIRONMENT, log));
        try {
            ProcessRecord started = new ProcessRecord(RECORD_KEY, launched.identity(), settings.proxyPort(),
                    files.directory(), log, Instant.now());
            // Recorded before the wait: an engine that dies meanwhile leaves a router the next one adopts.
            records.save(started);
            ControlClient client = awaitControl(launched.identity(), secret);
            RouterHealth health = client.health();
            record = new ProcessRecord(RECORD_KEY, launched.identity(), health.proxyPort(), files.directory(), log,
                    started.startedAt());
            records.save(record);
            control = client;
            if (lastPushed != null && lastPushed.generation() > health.generation()) {
                client.update(lastPushed);
            }
            archive.filter(missing -> !missing.exists()).ifPresent(this::makeArchive);
        } catch (RuntimeException e) {
            killer.stop(launched.identity(), FAILED_START_GRACE);
            records.delete(RECORD_KEY);
            throw e;
        }
    }

    /**
     * Makes the archive for the next launch in the background, now that this router answers: a
     * training run of its own, a second or two of CPU once for each new jar or Java.
     */
    private void makeArchive(RouterArchive archive) {
        if (archiving != null && archiving.isAlive()) {
            return;
        }
        archiving = new Thread(() -> {
            try {
                archive.make(EngineJava.executable(), settings.jvmOptions(), ENVIRONMENT);
            } catch (IOException | RuntimeException e) {
                settings.warnings().accept("Could not make the router's class data sharing archive " + archive + " ("
                        + e.getMessage() + "); the router starts without it, more slowly, and the next start tries again.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "router-archive");
        archiving.setDaemon(true);
        archiving.start();
    }

    /** For tests: waits until the archive being made, if any, is in place or given up. */
    void awaitArchive(Duration limit) throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = archiving;
        }
        if (running != null) {
            running.join(limit.toMillis());
        }
    }

    private void boundOutput() {
        try {
            new RotatingLog(logFile()).rotateIfLarger(OUTPUT_MAX_BYTES, 1);
        } catch (PaasmakerException e) {
            settings.warnings().accept(e.getMessage() + "; the router runs on, its output unrotated.");
        }
    }

    private ControlClient awaitControl(ProcessIdentity identity, String secret) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (true) {
            Optional<Integer> port = files.controlPort();
            if (port.isPresent()) {
                return new ControlClient(port.get(), secret);
            }
            if (!identity.isAlive()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the router process (pid " + identity.pid()
                        + ") exited before it opened its control channel; the end of " + logFile() + ":\n"
                        + new RotatingLog(logFile()).tail(LOG_LINES_IN_ERRORS));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the router process (pid " + identity.pid()
                        + ") did not open its control channel within " + settings.startTimeout().toSeconds()
                        + " s; see " + logFile());
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
