package org.paasmaker.engine.cron;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.manifest.CronSpec;
import org.paasmaker.api.manifest.InstanceTypeSpec;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;

/**
 * The crons of every application's current version, read from the store at each check, and called
 * on the first RUNNING instance of their type, directly on its port (not through the router).
 *
 * <p>A cron's key is {@code app-<application id>/<instance type>/<position>-<digest>}, the digest
 * covering its schedule and URI: a new version with the same crons carries on their history (a
 * slot already run is not run again), while a changed cron starts a history of its own.
 */
public final class CurrentVersionCrons implements CronTargets {

    private final Store store;
    private final Function<ApplicationVersion, Manifest> manifests;
    /** A node's address by its name, null while it is not known: a cron calls its instance there. */
    private final Function<String, String> addresses;
    private volatile Map<String, Place> places = Map.of();

    /**
     * @param manifests a version's manifest, asked at every check (so best cached)
     * @param addresses the address of a node by its name, null while it is not known (an agent not yet registered)
     */
    public CurrentVersionCrons(Store store, Function<ApplicationVersion, Manifest> manifests,
            Function<String, String> addresses) {
        this.store = store;
        this.addresses = addresses;
        this.manifests = manifests;
    }

    @Override
    public List<CronJob> crons() {
        List<CronJob> jobs = new ArrayList<>();
        Map<String, Place> found = new ConcurrentHashMap<>();
        for (ApplicationVersion version : store.versions().current()) {
            Manifest manifest = manifests.apply(version);
            for (InstanceTypeSpec type : manifest.instances()) {
                for (int position = 0; position < type.crons().size(); position++) {
                    CronSpec spec = type.crons().get(position);
                    CronJob job = new CronJob(key(version.applicationId(), type.name(), position, spec), spec);
                    jobs.add(job);
                    found.put(job.key(), new Place(version.id(), type.name()));
                }
            }
        }
        places = Map.copyOf(found);
        return jobs;
    }

    @Override
    public Optional<URI> target(String key) {
        Place place = places.get(key);
        if (place == null) {
            return Optional.empty();
        }
        return store.instances().list(place.version()).stream()
                .filter(instance -> instance.instanceType().equals(place.instanceType())
                        && instance.state() == InstanceState.RUNNING && instance.port().isPresent()
                        && addresses.apply(instance.node()) != null)
                .findFirst()
                .map(this::base);
    }

    /** The keys of the application's crons, as its current version has them. */
    public List<String> keys(ApplicationId application) {
        return crons().stream().map(CronJob::key).filter(key -> key.startsWith(prefix(application))).toList();
    }

    static String key(ApplicationId application, String instanceType, int position, CronSpec spec) {
        return prefix(application) + instanceType + "/" + position + "-" + digest(spec.runspec().text() + " " + spec.uri());
    }

    private static String prefix(ApplicationId application) {
        return "app-" + application + "/";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private URI base(Instance instance) {
        return URI.create("http://" + addresses.apply(instance.node()) + ":" + instance.port().getAsInt());
    }

    private record Place(VersionId version, String instanceType) {
    }
}
