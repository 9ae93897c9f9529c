package org.paasmaker.engine.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.Node;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.engine.instance.Readiness;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.CappedLog;
import org.paasmaker.engine.process.DetachedLauncher;
import org.paasmaker.engine.process.LaunchSpec;
import org.paasmaker.engine.process.LaunchedProcess;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.process.RotatingLog;
import org.paasmaker.engine.runtime.RuntimeVersions;

/**
 * The node on this machine: each instance gets a directory of its own under the instances
 * directory, holding a fresh copy of the version's code and its log, and a port from the allocator.
 * Its process runs detached from the engine and is recorded on disk, so it outlives the engine.
 *
 * <p>An instance's output goes through a named pipe to its log writer, a detached svlogd that keeps
 * it to the {@link LogLimit} however fast the instance writes ({@link CappedLog} says why so); the
 * writer is adopted and kept running like the instance ({@link LogWriters}). Instances that a
 * previous engine started with their output appended to {@code instance.log} keep that file, which
 * {@link #maintain()} still rotates by copy and truncation, and which is read as before.
 */
public final class LocalNode implements Node {

    /** Where instances started before the log writers appended their output. */
    private static final String LEGACY_LOG = "instance.log";
    private static final String LOG_DIRECTORY = "log";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final String address;
    private final Map<String, Object> tags;
    private final Path instancesDirectory;
    private final PackageStore packages;
    private final TarGzPacker packer;
    private final PortAllocator ports;
    private final PluginRegistry plugins;
    private final ProcessRecords records;
    private final Clock clock;
    private final LogLimit logLimit;
    private final LogWriters logWriters;
    private final DetachedLauncher launcher = new DetachedLauncher();
    private final ProcessGroupKiller killer = new ProcessGroupKiller();
    private final Map<InstanceId, Integer> portsByInstance = new ConcurrentHashMap<>();
    /** The instances between the start of their log writer and their record. */
    private final Set<String> launching = ConcurrentHashMap.newKeySet();
    /** The processes this engine launched, which it alone can ask how they ended. */
    private final Map<InstanceId, LaunchedProcess> children = new ConcurrentHashMap<>();

    /**
     * @param records where running instances are recorded, so a later engine can find them
     * @param logLimit how much output each instance keeps
     * @param logWriters the instances' log writers, recorded by instance id
     */
    public LocalNode(
            String name, Path instancesDirectory, PackageStore packages, TarGzPacker packer, PortAllocator ports,
            PluginRegistry plugins, ProcessRecords records, Clock clock, LogLimit logLimit, LogWriters logWriters) {
        this(name, "127.0.0.1", Map.of(), instancesDirectory, packages, packer, ports, plugins, records, clock, logLimit,
                logWriters);
    }

    /**
     * @param address where the controller and the routers reach this machine's instances
     * @param tags the node's tags, handed to its instances as {@code PM_METADATA.node}
     */
    public LocalNode(
            String name, String address, Map<String, Object> tags, Path instancesDirectory, PackageStore packages,
            TarGzPacker packer, PortAllocator ports, PluginRegistry plugins, ProcessRecords records, Clock clock,
            LogLimit logLimit, LogWriters logWriters) {
        this.name = name;
        this.address = address;
        this.tags = Map.copyOf(tags);
        this.instancesDirectory = instancesDirectory;
        this.packages = packages;
        this.packer = packer;
        this.ports = ports;
        this.plugins = plugins;
        this.records = records;
        this.clock = clock;
        this.logLimit = logLimit;
        this.logWriters = logWriters;
        adoptPorts();
    }

    /** The ports of instances a previous engine started are still theirs. */
    private void adoptPorts() {
        for (ProcessRecord record : records.load()) {
            if (record.port() > 0 && record.identity().isAlive()) {
                InstanceId instance = new InstanceId(record.key());
                ports.hold(record.port());
                portsByInstance.put(instance, record.port());
            }
        }
    }

    @Override
    public Set<InstanceId> running() {
        Set<InstanceId> alive = new HashSet<>();
        for (ProcessRecord record : records.load()) {
            if (record.identity().isAlive()) {
                alive.add(new InstanceId(record.key()));
            }
        }
        return alive;
    }

    /**
     * Keeps each running instance's log writer running: adopts it, or starts it again when it is
     * gone (its pipe held the instance's output meanwhile), and stops the writers of instances no
     * longer recorded (an engine that died in the middle of a stop leaves one). Rotates the logs of
     * instances that still append to {@code instance.log}.
     */
    @Override
    public void maintain() {
        RuntimeException failure = null;
        List<ProcessRecord> instances = records.load();
        Set<String> recorded = new HashSet<>();
        instances.forEach(record -> recorded.add(record.key()));
        for (String writer : logWriters.keys()) {
            // A writer is started before its instance is recorded: leave those being launched alone.
            if (!recorded.contains(writer) && !launching.contains(writer) && records.find(writer).isEmpty()) {
                logWriters.stop(writer);
            }
        }
        for (ProcessRecord record : instances) {
            try {
                if (CappedLog.isPipe(record.logFile())) {
                    if (record.identity().isAlive()) {
                        logWriters.ensureRunning(record.key(), new CappedLog(record.logFile().getParent()));
                    }
                } else if (Files.exists(record.logFile())) {
                    new RotatingLog(record.logFile()).rotateIfLarger(logLimit.maxBytes(), logLimit.kept());
                }
            } catch (RuntimeException e) {
                // One instance's log must not keep the others' writers from being seen to.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The runtimes come from the plugins enabled here, each with the versions installed on this machine. */
    @Override
    public NodeProfile profile() {
        Map<String, List<String>> runtimes = new TreeMap<>();
        for (PluginDescriptor runtime : plugins.plugins(PluginRole.RUNTIME)) {
            runtimes.put(runtime.name(), plugins.runtime(runtime.name()).versions());
        }
        return new NodeProfile(name, address, tags, runtimes, ports.range());
    }

    @Override
    public boolean probe(InstanceId instance, int port) {
        return Readiness.accepts(address, port);
    }

    @Override
    public OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort) {
        Path directory = directory(instance);
        Path code = code(instance);
        OptionalInt port = OptionalInt.empty();
        try {
            Files.createDirectories(instancesDirectory);
            Files.createDirectory(directory);
            Files.createDirectory(code);
            try (InputStream in = packages.open(packageChecksum)) {
                packer.unpack(in, code, ArchiveLimits.packages());
            }
            if (needsPort) {
                port = OptionalInt.of(ports.allocate());
                portsByInstance.put(instance, port.getAsInt());
            }
            return port;
        } catch (IOException | RuntimeException e) {
            port.ifPresent(ports::release);
            portsByInstance.remove(instance);
            Directories.deleteQuietly(directory);
            if (e instanceof PaasmakerException failure) {
                throw failure;
            }
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot register instance " + instance + " on node "
                    + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start(InstanceId instance, InstanceStart start, StepContext step) {
        launch(instance, start, step, true);
    }

    @Override
    public void restart(InstanceId instance, InstanceStart start, StepContext step) {
        if (isAlive(instance)) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "instance " + start.name() + " still runs on node " + name
                    + "; only an instance whose process ended is restarted in place");
        }
        launch(instance, start, step, false);
    }

    @Override
    public OptionalInt exitStatus(InstanceId instance) {
        LaunchedProcess process = children.get(instance);
        return process == null ? OptionalInt.empty() : process.exitStatus();
    }

    private void launch(InstanceId instance, InstanceStart start, StepContext step, boolean withStartupCommands) {
        Path code = code(instance);
        if (!Files.isDirectory(code)) {
            throw new PaasmakerException(ErrorCode.CONFLICT, "instance " + start.name() + " is not registered on node "
                    + name + "; register it first");
        }
        RuntimeSpec spec = start.runtime();
        Runtime runtime = plugins.runtime(spec.plugin());
        String version = RuntimeVersions.require(spec.plugin(), runtime.versions(), spec.version());
        if (withStartupCommands) {
            // Run here, on the node: the controller's step only hears their output.
            StepContext inInstance = new NodeStepContext(code, runtime.environment(version, start.environment()), step);
            for (PluginSpec command : start.startup()) {
                plugins.startupStep(command.plugin()).run(command.parameters(), inInstance);
            }
        }
        LaunchPlan plan = runtime.launchPlan(new LaunchRequest(version, spec.parameters(), code, start.port(),
                start.environment()));
        step.log("Starting " + start.name() + ": " + String.join(" ", plan.command()));
        LaunchedProcess process = null;
        launching.add(instance.value());
        try {
            Path output = output(instance, step);
            process = launcher.launch(new LaunchSpec(plan.command(), code, plan.environment(), output));
            children.put(instance, process);
            records.save(new ProcessRecord(instance.value(), process.identity(), start.port().orElse(0),
                    directory(instance), output, clock.instant()));
        } catch (RuntimeException e) {
            if (process != null && records.find(instance.value()).isEmpty()) {
                killer.stop(process.identity(), STOP_GRACE); // launched, but not recorded
            }
            stop(instance, STOP_GRACE);
            throw e;
        } finally {
            launching.remove(instance.value());
        }
        try {
            if (start.port().isPresent()) {
                Readiness.awaitListening(start.name(), address, start.port().getAsInt(), plan.readyWithin(),
                        process.identity()::isAlive);
            } else {
                Readiness.awaitStaying(start.name(), plan.readyWithin(), process.identity()::isAlive);
            }
        } catch (RuntimeException e) {
            step.log("The instance's last output:\n" + logTail(instance, 20));
            stop(instance, STOP_GRACE);
            throw e;
        }
    }

    @Override
    public void stop(InstanceId instance, Duration grace) {
        children.remove(instance);
        records.find(instance.value()).ifPresent(record -> {
            killer.stop(record.identity(), grace);
            records.delete(instance.value());
        });
        // After the instance, so its last words reach the pipe; svlogd, told to stop, finishes the line
        // it is on, and what may still wait in the pipe behind it is lost.
        logWriters.stop(instance.value());
    }

    @Override
    public void release(InstanceId instance) {
        stop(instance, STOP_GRACE);
        Integer port = portsByInstance.remove(instance);
        if (port != null) {
            ports.release(port);
        }
    }

    @Override
    public boolean isAlive(InstanceId instance) {
        return records.find(instance.value()).map(record -> record.identity().isAlive()).orElse(false);
    }

    @Override
    public String logTail(InstanceId instance, int lines) {
        return log(instance).tail(lines);
    }

    @Override
    public LogLines logLast(InstanceId instance, int lines) {
        return log(instance).lastLines(lines);
    }

    @Override
    public LogLines logAfter(InstanceId instance, long offset, int maxBytes) {
        return log(instance).linesAfter(offset, maxBytes);
    }

    /**
     * Where the instance's output goes: the pipe of its own log writer, started first (the instance's
     * first lines wait in the pipe for it at worst); on a machine without svlogd, {@code instance.log},
     * appended to and rotated by the health round as before, which the step's log says.
     */
    private Path output(InstanceId instance, StepContext step) {
        if (!logWriters.available()) {
            step.log("svlogd (Debian's runit package) is not installed: the output goes to " + LEGACY_LOG
                    + ", rotated now and then, which a fast writer can outgrow; install it to bound the log at any rate");
            return directory(instance).resolve(LEGACY_LOG);
        }
        CappedLog log = new CappedLog(logDirectory(instance));
        log.prepare(logLimit);
        logWriters.ensureRunning(instance.value(), log);
        return log.pipe();
    }

    /** The instance's log: svlogd's directory once the instance was started here, else the legacy file. */
    private RotatingLog log(InstanceId instance) {
        Path directory = logDirectory(instance);
        return CappedLog.isIn(directory) ? new CappedLog(directory).reader()
                : new RotatingLog(directory(instance).resolve(LEGACY_LOG));
    }

    /** Where the instance's log writer keeps its output. */
    Path logDirectory(InstanceId instance) {
        return directory(instance).resolve(LOG_DIRECTORY);
    }

    @Override
    public void deregister(InstanceId instance) {
        release(instance);
        try {
            Directories.deleteTree(directory(instance));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the files of instance " + instance
                    + " on node " + name + ": " + e.getMessage(), e);
        }
    }

    /** Where the instance's code is unpacked; its startup commands and runtime run there. */
    public Path code(InstanceId instance) {
        return directory(instance).resolve("code");
    }

    private Path directory(InstanceId instance) {
        return instancesDirectory.resolve(instance.value());
    }
}
