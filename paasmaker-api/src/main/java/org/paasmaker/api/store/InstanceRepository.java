package org.paasmaker.api.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.version.VersionId;

/** Instances; their ids are made by the engine, not the store. */
public interface InstanceRepository {

    /**
     * Stores a new instance and returns it at its first revision; a {@code CONFLICT} error when its id is taken.
     */
    Instance create(Instance instance);

    Optional<Instance> find(InstanceId id);

    default Instance get(InstanceId id) {
        return find(id).orElseThrow(() -> new NotFoundException("instance", id));
    }

    /** The version's instances, oldest first. */
    List<Instance> list(VersionId version);

    /** Every version's instances in one of these states, oldest first. */
    List<Instance> inStates(Set<InstanceState> states);

    /** The instances placed on the node, in any state, oldest first. */
    List<Instance> onNode(String node);

    /**
     * Writes the instance over the stored one when that is still at the instance's revision, and returns it at
     * its next revision; otherwise a {@code CONFLICT} error ({@link Revisions}).
     */
    Instance update(Instance instance);

    void delete(InstanceId id);
}
