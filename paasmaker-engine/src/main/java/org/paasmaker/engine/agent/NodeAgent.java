package org.paasmaker.engine.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.PluginProvider;
import org.paasmaker.api.prepare.CommandStepProvider;
import org.paasmaker.api.runtime.RuntimeProvider;
import org.paasmaker.engine.cluster.Exchanges;
import org.paasmaker.engine.cluster.HttpNode;
import org.paasmaker.engine.internal.DaemonThreads;
import org.paasmaker.engine.node.LocalNode;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.plugin.PluginRegistry;
import org.paasmaker.engine.port.EphemeralPorts;
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * A node agent: the engine's node side on a machine of its own. It runs the node of this machine in
 * its own home ({@code packages} fetched from the controllers, {@code instances}, and their records),
 * serves the node verbs to the controllers alone (node token) at its address, and registers with each
 * controller and reports to each, independently. Instances run detached from the agent: when it stops
 * or is killed they run on, and the next agent on the same home finds them from their records.
 */
public final class NodeAgent implements AutoCloseable {

    private final AgentSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    /** The upkeep's, then one per controller: a controller that does not answer delays no other. */
    private final List<ScheduledExecutorService> schedulers;
    private final PluginRegistry plugins;
    private final List<ControllerLink> links;
    private final URI url;

    private NodeAgent(AgentSettings settings, HttpServer server, ExecutorService executor,
            List<ScheduledExecutorService> schedulers, PluginRegistry plugins, List<ControllerLink> links, URI url) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.schedulers = schedulers;
        this.plugins = plugins;
        this.links = links;
        this.url = url;
    }

    /**
     * Starts serving and registers with each controller. A controller that refuses the node token fails
     * the start with its reason; one that cannot be reached is tried again every report interval.
     *
     * @param log where the agent tells the operator what happens (registrations, a controller away)
     */
    public static NodeAgent start(AgentSettings settings, Consumer<String> log) {
        Clock clock = Clock.systemUTC();
        Path home = settings.home();
        PluginRegistry plugins = PluginRegistry.of(nodePlugins(), name -> true, home.resolve("plugins"), clock,
                new PluginRegistry.Settings(home, java.util.Map.of(), settings.environment(), log));
        HttpServer server = null;
        ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("paasmaker-agent-"));
        List<ScheduledExecutorService> schedulers = new ArrayList<>();
        schedulers.add(Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("paasmaker-agent-upkeep-")));
        try {
            EphemeralPorts.warnOnce(settings.ports(), log);
            PackageStore cache = new PackageStore(home.resolve("packages"));
            deleteUnfinishedFetches(home.resolve("packages"), log);
            LocalNode node = new LocalNode(settings.name(), settings.address(), settings.tags(),
                    home.resolve("instances"), cache, new TarGzPacker(), new PortAllocator(settings.ports()), plugins,
                    new ProcessRecords(home.resolve("processes"), log), clock, LogLimit.from(settings.environment()),
                    new LogWriters(new ProcessRecords(home.resolve("log-writers"), log), clock));
            List<ControllerHttp> controllers = settings.controllers().stream()
                    .map(controller -> new ControllerHttp(controller, settings.token())).toList();
            List<ControllerLink> links = new ArrayList<>();
            PackageFetcher fetcher = new PackageFetcher(controllers, controller -> links.stream()
                    .anyMatch(link -> link.controller().equals(controller) && link.answering()), cache, log);
            server = listen(settings);
            URI url = URI.create("http://" + hostInUrl(settings.address()) + ":" + server.getAddress().getPort());
            NodeProfile profile = node.profile();
            for (ControllerHttp http : controllers) {
                ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                        DaemonThreads.named("paasmaker-agent-reports-"));
                schedulers.add(scheduler);
                links.add(new ControllerLink(http, node, profile, url, clock, log, scheduler));
            }
            // Any of the controllers may command this node: they share the node token.
            server.createContext(HttpNode.PATH, Exchanges.guarded(settings.token(), "node agent " + settings.name(),
                    new NodeVerbs(node, fetcher, () -> links.forEach(ControllerLink::changed))));
            server.setExecutor(executor);
            server.start();
            registerFirst(links, schedulers.subList(1, schedulers.size()));
            long every = settings.reportInterval().toMillis();
            schedulers.get(0).scheduleWithFixedDelay(() -> upkeep(node, log), every, every, TimeUnit.MILLISECONDS);
            for (ControllerLink link : links) {
                link.start(settings.reportInterval());
            }
            return new NodeAgent(settings, server, executor, List.copyOf(schedulers), plugins, List.copyOf(links), url);
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.stop(0);
            }
            executor.shutdownNow();
            schedulers.forEach(ScheduledExecutorService::shutdownNow);
            plugins.close();
            throw e;
        }
    }

    /** With every controller at once: one that does not answer holds up no other. */
    private static void registerFirst(List<ControllerLink> links, List<ScheduledExecutorService> schedulers) {
        List<Future<?>> registrations = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            registrations.add(schedulers.get(i).submit(links.get(i)::registerFirst));
        }
        for (Future<?> registration : registrations) {
            try {
                registration.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException refused) {
                    throw refused;
                }
                throw new PaasmakerException(ErrorCode.INTERNAL, "registering failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the agent was interrupted while registering", e);
            }
        }
    }

    private static void upkeep(LocalNode node, Consumer<String> log) {
        try {
            node.maintain();
        } catch (RuntimeException e) {
            log.accept("Upkeep of the instances' logs failed: " + e.getMessage());
        }
    }

    /**
     * The plugins a node runs: runtimes and startup commands. Sources, services and placement are the
     * controller's, and leaving them out keeps the agent small (no git, no database drivers loaded).
     */
    private static List<PluginProvider> nodePlugins() {
        List<PluginProvider> providers = new ArrayList<>();
        ClassLoader loader = NodeAgent.class.getClassLoader();
        ServiceLoader.load(RuntimeProvider.class, loader).forEach(providers::add);
        ServiceLoader.load(CommandStepProvider.class, loader).forEach(providers::add);
        return providers;
    }

    /**
     * A fetch cut short by the agent's death (SIGKILL, a power cut) leaves its temporary file; the
     * package itself only ever appears whole, so the rest of the cache is sound.
     */
    private static void deleteUnfinishedFetches(Path cache, Consumer<String> log) {
        try (DirectoryStream<Path> unfinished = Files.newDirectoryStream(cache, "incoming-*.part")) {
            for (Path file : unfinished) {
                Files.deleteIfExists(file);
                log.accept("Deleted " + file + ", a package fetch an earlier agent did not finish");
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot clean the package cache " + cache + ": "
                    + e.getMessage(), e);
        }
    }

    private static HttpServer listen(AgentSettings settings) {
        try {
            return Exchanges.server(new InetSocketAddress(settings.address(), settings.port()), 64);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the node agent cannot listen on " + settings.address()
                    + ":" + settings.port() + " (" + e.getMessage() + "); free the port or give another with --port", e);
        }
    }

    private static String hostInUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** Where it serves the node verbs. */
    public URI url() {
        return url;
    }

    public String name() {
        return settings.name();
    }

    /** Whether every controller has it registered, as far as the agent last heard. */
    public boolean registered() {
        return links.stream().allMatch(ControllerLink::registered);
    }

    /** Stops serving and reporting; the instances run on. */
    @Override
    public void close() {
        links.forEach(ControllerLink::stop);
        server.stop(0);
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
        executor.shutdownNow();
        try {
            for (ScheduledExecutorService scheduler : schedulers) {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        plugins.close();
    }
}
