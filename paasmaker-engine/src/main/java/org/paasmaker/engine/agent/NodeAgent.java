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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.paasmaker.engine.port.PortAllocator;
import org.paasmaker.engine.process.LogLimit;
import org.paasmaker.engine.process.LogWriters;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * A node agent: the engine's node side on a machine of its own. It runs the node of this machine in
 * its own home ({@code packages} fetched from the controller, {@code instances}, and their records),
 * serves the node verbs to the controller alone (node token) at its address, and registers with the
 * controller and reports to it. Instances run detached from the agent: when it stops or is killed they
 * run on, and the next agent on the same home finds them from their records.
 */
public final class NodeAgent implements AutoCloseable {

    private final AgentSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final PluginRegistry plugins;
    private final ControllerLink link;
    private final URI url;

    private NodeAgent(AgentSettings settings, HttpServer server, ExecutorService executor,
            ScheduledExecutorService scheduler, PluginRegistry plugins, ControllerLink link, URI url) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.scheduler = scheduler;
        this.plugins = plugins;
        this.link = link;
        this.url = url;
    }

    /**
     * Starts serving and registers. A controller that refuses the node token fails the start with its
     * reason; one that cannot be reached is tried again every report interval.
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
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("paasmaker-agent-reports-"));
        try {
            PackageStore cache = new PackageStore(home.resolve("packages"));
            deleteUnfinishedFetches(home.resolve("packages"), log);
            LocalNode node = new LocalNode(settings.name(), settings.address(), settings.tags(),
                    home.resolve("instances"), cache, new TarGzPacker(), new PortAllocator(settings.ports()), plugins,
                    new ProcessRecords(home.resolve("processes"), log), clock, LogLimit.from(settings.environment()),
                    new LogWriters(new ProcessRecords(home.resolve("log-writers"), log), clock));
            ControllerHttp http = new ControllerHttp(settings.controller(), settings.token());
            PackageFetcher fetcher = new PackageFetcher(http, cache, log);
            server = listen(settings);
            URI url = URI.create("http://" + hostInUrl(settings.address()) + ":" + server.getAddress().getPort());
            NodeProfile profile = node.profile();
            ControllerLink link = new ControllerLink(http, node, profile, url,
                    clock, log, scheduler);
            server.createContext(HttpNode.PATH, Exchanges.guarded(settings.token(), "node agent " + settings.name(),
                    new NodeVerbs(node, fetcher, link::changed)));
            server.setExecutor(executor);
            server.start();
            link.registerFirst();
            link.start(settings.reportInterval());
            return new NodeAgent(settings, server, executor, scheduler, plugins, link, url);
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.stop(0);
            }
            executor.shutdownNow();
            scheduler.shutdownNow();
            plugins.close();
            throw e;
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
            return HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 64);
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

    /** Whether the controller has it registered, as far as the agent last heard. */
    public boolean registered() {
        return link.registered();
    }

    /** Stops serving and reporting; the instances run on. */
    @Override
    public void close() {
        link.stop();
        server.stop(0);
        scheduler.shutdownNow();
        executor.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        plugins.close();
    }
}
