package org.paasmaker.engine.certificate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;

/**
 * The lasting hostnames an application's current version is routed on: its instance types' manifest
 * {@code hostnames} and their generated {@code <type>.<application>.<workspace stub>.<cluster hostname>};
 * and the ones among them a certificate authority can validate.
 */
public final class ApplicationHostnames {

    private final Store store;
    private final Function<ApplicationVersion, Manifest> manifests;
    private final String clusterHostname;

    public ApplicationHostnames(Store store, Function<ApplicationVersion, Manifest> manifests, String clusterHostname) {
        this.store = store;
        this.manifests = manifests;
        this.clusterHostname = clusterHostname;
    }

    /** Routed hostnames of the current version, in manifest order; none when there is no current version. */
    public List<String> routed(ApplicationId id) {
        Application application = store.applications().get(id);
        Workspace workspace = store.workspaces().get(application.workspaceId());
        Set<String> names = new LinkedHashSet<>();
        current(id).ifPresent(manifest -> {
            for (InstanceTypeSpec type : manifest.instances()) {
                if (!type.standalone()) {
                    names.addAll(type.hostnames());
                    names.add(type.name() + "." + application.name() + "." + workspace.stub() + "." + clusterHostname);
                }
            }
        });
        return List.copyOf(names);
    }

    /**
     * What the platform obtains a certificate for: the manifest's hostnames and those its
     * {@code redirect_https} names; not wildcards (HTTP-01 cannot validate them) and not names under
     * {@code localhost} (RFC 6761: no authority can reach them).
     */
    public List<String> obtainable(ApplicationId id) {
        return current(id).map(manifest -> {
            Set<String> names = new LinkedHashSet<>();
            manifest.instances().stream().filter(type -> !type.standalone())
                    .forEach(type -> names.addAll(type.hostnames()));
            names.addAll(manifest.application().redirectHttps());
            List<String> obtainable = new ArrayList<>();
            for (String name : names) {
                if (!name.contains("*") && !name.equals("localhost") && !name.endsWith(".localhost")) {
                    obtainable.add(name);
                }
            }
            return List.copyOf(obtainable);
        }).orElse(List.of());
    }

    /** Every application that has a current version. */
    public List<ApplicationId> applications() {
        List<ApplicationId> ids = new ArrayList<>();
        for (Workspace workspace : store.workspaces().list()) {
            for (Application application : store.applications().list(workspace.id())) {
                if (current(application.id()).isPresent()) {
                    ids.add(application.id());
                }
            }
        }
        return ids;
    }

    private java.util.Optional<Manifest> current(ApplicationId id) {
        return store.versions().list(id).stream().filter(ApplicationVersion::current).findFirst().map(manifests);
    }
}
