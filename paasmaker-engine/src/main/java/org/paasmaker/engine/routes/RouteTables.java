package org.paasmaker.engine.routes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RoutingTable;

/**
 * Computes the routing table from the records. Every RUNNING version's instance types answer on
 * {@code <version>.<type>.<application>.<workspace stub>.<cluster hostname>}; the current version's
 * (while RUNNING, or READY: registered but stopped) also on
 * {@code <type>.<application>.<workspace stub>.<cluster hostname>} and on the manifest's hostnames. A name lists the RUNNING instances (with a port) of its type, none of those that are
 * draining; a current version's names stay in the table with no instance (the router then answers
 * 503, not 404) while its instances start or are replaced.
 *
 * <p>When two applications claim one hostname, one whose instances run takes it from one whose do
 * not; else the older application (the lower id) keeps it. A warning says which did not get it.
 */
final class RouteTables {

    private final Store store;
    private final Function<ApplicationVersion, Manifest> manifests;
    private final String clusterHostname;
    /** A node's address by its name, null for a node not known (yet): each target is its instance's node and port. */
    private final Function<String, String> addresses;
    private final Consumer<String> warnings;
    /**
     * Where each instance of the last table was routed: after the controller's restart, an instance on a
     * node whose agent has not registered yet keeps its route, rather than failing requests until it does.
     */
    private volatile Map<String, String> lastHosts = Map.of();

    RouteTables(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname,
            Function<String, String> addresses, Consumer<String> warnings) {
        this.addresses = addresses;
        this.store = store;
        this.manifests = manifests;
        this.clusterHostname = clusterHostname;
        this.warnings = warnings;
    }

    /** Remembers where the table's instances are routed: a router's own table, at the controller's start. */
    void remember(RoutingTable table) {
        remember(table.routes());
    }

    private void remember(List<Route> routes) {
        Map<String, String> hosts = new HashMap<>();
        routes.forEach(route -> route.targets().forEach(target -> hosts.put(target.instanceId(), target.host())));
        lastHosts = hosts;
    }

    /** The routes now, leaving out the draining instances. */
    List<Route> routes(Set<InstanceId> draining) {
        List<Route> routes = compute(draining);
        remember(routes);
        return routes;
    }

    private List<Route> compute(Set<InstanceId> draining) {
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (Workspace workspace : store.workspaces().list()) {
            for (Application application : store.applications().list(workspace.id())) {
                for (ApplicationVersion version : store.versions().list(application.id())) {
                    if (version.state() == VersionState.RUNNING || version.current() && version.state() == VersionState.READY) {
                        claim(claims, workspace, application, version, draining);
                    }
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        claims.forEach((hostname, claim) -> {
            try {
                routes.add(new Route(hostname, claim.targets()));
            } catch (IllegalArgumentException e) {
                warnings.accept("Not routing '" + hostname + "' of " + claim.owner() + ": " + e.getMessage());
            }
        });
        return routes;
    }

    /** Its node's address; while the node is not known, where it was last routed; null when neither is known. */
    private String host(Instance instance) {
        String address = addresses.apply(instance.node());
        return address != null ? address : lastHosts.get(instance.id().value());
    }

    private void claim(Map<String, Claim> claims, Workspace workspace, Application application,
            ApplicationVersion version, Set<InstanceId> draining) {
        Manifest manifest = manifests.apply(version);
        List<Instance> instances = store.instances().list(version.id());
        String owner = "application " + application.name() + " in workspace " + workspace.stub();
        String suffix = application.name() + "." + workspace.stub() + "." + clusterHostname;
        for (InstanceTypeSpec type : manifest.instances()) {
            if (type.standalone()) {
                continue;
            }
            List<RouteTarget> targets = instances.stream()
                    .filter(instance -> instance.instanceType().equals(type.name())
                            && instance.state() == InstanceState.RUNNING && instance.port().isPresent()
                            && !draining.contains(instance.id()) && host(instance) != null)
                    .map(instance -> new RouteTarget(host(instance), instance.port().getAsInt(),
                            workspace.stub() + "/" + application.name(), version.number(), instance.id().value()))
                    .toList();
            List<String> names = new ArrayList<>();
            if (version.state() == VersionState.RUNNING) {
                names.add(version.number() + "." + type.name() + "." + suffix);
            }
            if (version.current()) {
                names.add(type.name() + "." + suffix);
                names.addAll(type.hostnames());
            }
            for (String name : names) {
                Claim claim = new Claim(owner, application.id().value(), targets);
                Claim earlier = claims.putIfAbsent(name, claim);
                if (earlier == null) {
                    continue;
                }
                if (earlier.applicationId() == claim.applicationId()) {
                    claims.put(name, earlier.with(targets));
                } else if (earlier.targets().isEmpty() && !targets.isEmpty()) {
                    claims.put(name, claim);
                    warnings.accept("The hostname '" + name + "' is claimed by " + earlier.owner() + " and by " + owner
                            + "; it goes to " + owner + ", whose instances run");
                } else {
                    warnings.accept("The hostname '" + name + "' is claimed by " + earlier.owner() + " and by " + owner
                            + "; it stays with " + earlier.owner() + ", the older application");
                }
            }
        }
    }

    private record Claim(String owner, long applicationId, List<RouteTarget> targets) {

        Claim with(List<RouteTarget> more) {
            List<RouteTarget> all = new ArrayList<>(targets);
            all.addAll(more);
            return new Claim(owner, applicationId, all);
        }
    }
}
