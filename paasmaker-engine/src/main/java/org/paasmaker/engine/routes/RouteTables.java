package org.paasmaker.engine.routes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;
import org.paasmaker.engine.certificate.CertificateNames;
import org.paasmaker.engine.certificate.KeptCertificate;

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
 *
 * <p>A table carries the certificates that serve its hostnames, each only for the hostnames of the
 * application it was uploaded to or obtained for (one that belongs to none, for any). A hostname the
 * manifest's {@code redirect_https} names is redirected to HTTPS only while a certificate in the table
 * covers it; otherwise clients would be sent to a handshake that fails.
 */
final class RouteTables {

    /** A RUNNING version is routed under its own names; a READY one only while it is current. */
    private static final Set<VersionState> ROUTED_STATES = Set.of(VersionState.RUNNING, VersionState.READY);

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
    private final Supplier<List<KeptCertificate>> certificates;

    /** What a table holds besides its generation. */
    record Contents(List<Route> routes, List<ServedCertificate> certificates, List<AcmeChallenge> challenges) {

        RoutingTable table(long generation) {
            return new RoutingTable(generation, routes, certificates, challenges);
        }
    }

    RouteTables(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname,
            Function<String, String> addresses, Supplier<List<KeptCertificate>> certificates, Consumer<String> warnings) {
        this.addresses = addresses;
        this.certificates = certificates;
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

    /** The routes now, leaving out the draining instances, with their certificates and these challenges. */
    Contents contents(Set<InstanceId> draining, List<AcmeChallenge> challenges) {
        Map<String, Claim> claims = claims(draining);
        List<KeptCertificate> kept = certificates.get();
        List<Route> routes = new ArrayList<>();
        claims.forEach((hostname, claim) -> {
            boolean redirect = claim.redirect() && kept.stream().anyMatch(certificate -> servable(certificate, claim)
                    && CertificateNames.covers(certificate.certificate().names(), hostname));
            try {
                routes.add(new Route(hostname, claim.targets(), redirect));
            } catch (IllegalArgumentException e) {
                warnings.accept("Not routing '" + hostname + "' of " + claim.owner() + ": " + e.getMessage());
            }
        });
        remember(routes);
        List<ServedCertificate> served = kept.stream()
                .filter(certificate -> claims.entrySet().stream().anyMatch(entry -> servable(certificate, entry.getValue())
                        && serves(certificate.certificate().names(), entry.getKey())))
                .map(KeptCertificate::served).toList();
        return new Contents(routes, served, challenges);
    }

    /** A certificate serves its own application's hostnames only: no user's upload serves another's names. */
    private static boolean servable(KeptCertificate certificate, Claim claim) {
        return certificate.certificate().application().map(id -> id.value() == claim.applicationId()).orElse(true);
    }

    /** Whether a client asking for some name the pattern routes may be given a certificate with these names. */
    private static boolean serves(List<String> names, String pattern) {
        if (pattern.equals(Route.CATCH_ALL) || CertificateNames.covers(names, pattern)) {
            return true;
        }
        String suffix = pattern.startsWith(Route.WILDCARD_PREFIX) ? pattern.substring(1) : null;
        return suffix != null && names.stream().anyMatch(name -> name.endsWith(suffix));
    }

    /**
     * Every routed version's claims, asked of the store in four questions (the versions that may be
     * routed, the running instances, the workspaces, every application) rather than by walking
     * every application's versions. Claimed in the order of workspace, application and version, as the
     * older application keeps a hostname two claim.
     */
    private Map<String, Claim> claims(Set<InstanceId> draining) {
        List<ApplicationVersion> versions = store.versions().inStates(ROUTED_STATES).stream()
                .filter(version -> version.state() == VersionState.RUNNING || version.current())
                .toList();
        Map<String, Claim> claims = new LinkedHashMap<>();
        if (versions.isEmpty()) {
            return claims;
        }
        Map<VersionId, List<Instance>> running = store.instances().inStates(Set.of(InstanceState.RUNNING)).stream()
                .collect(Collectors.groupingBy(Instance::versionId));
        Map<ApplicationId, List<ApplicationVersion>> byApplication = versions.stream()
                .collect(Collectors.groupingBy(ApplicationVersion::applicationId));
        Map<WorkspaceId, List<Application>> applications = store.applications().all().stream()
                .collect(Collectors.groupingBy(Application::workspaceId));
        for (Workspace workspace : store.workspaces().list()) {
            for (Application application : applications.getOrDefault(workspace.id(), List.of())) {
                for (ApplicationVersion version : byApplication.getOrDefault(application.id(), List.of()).stream()
                        .sorted(Comparator.comparingInt(ApplicationVersion::number)).toList()) {
                    claim(claims, workspace, application, version, running.getOrDefault(version.id(), List.of()),
                            draining);
                }
            }
        }
        return claims;
    }

    /** Its node's address; while the node is not known, where it was last routed; null when neither is known. */
    private String host(Instance instance) {
        String address = addresses.apply(instance.node());
        return address != null ? address : lastHosts.get(instance.id().value());
    }

    private void claim(Map<String, Claim> claims, Workspace workspace, Application application,
            ApplicationVersion version, List<Instance> instances, Set<InstanceId> draining) {
        Manifest manifest = manifests.apply(version);
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
                // Only the current version's names: a redirect is asked for the application's lasting hostnames.
                boolean redirect = version.current() && manifest.application().redirectHttps().contains(name);
                Claim claim = new Claim(owner, application.id().value(), targets, redirect);
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

    private record Claim(String owner, long applicationId, List<RouteTarget> targets, boolean redirect) {

        Claim with(List<RouteTarget> more) {
            List<RouteTarget> all = new ArrayList<>(targets);
            all.addAll(more);
            return new Claim(owner, applicationId, all, redirect);
        }
    }
}
