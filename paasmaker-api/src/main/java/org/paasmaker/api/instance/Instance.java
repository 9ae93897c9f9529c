package org.paasmaker.api.instance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.paasmaker.api.version.VersionId;

/**
 * One running copy of one instance type of a version, on one node.
 *
 * @param instanceType the manifest's name for the instance type ({@code web})
 * @param node the node it was placed on
 * @param port its TCP port; empty for standalone instances and before it is registered
 * @param reason why it is in its state, when that needs saying (an error, a replacement)
 * @param startedAt when it last became RUNNING
 * @param restarts how many times it was started again in place, after its process exited with status 0
 * @param revision the store's count of this record's writes, which the store sets: 0 before it is stored; an
 *     update names the revision it read and fails as CONFLICT when another write came between
 */
public record Instance(
        InstanceId id, VersionId versionId, String instanceType, String node, InstanceState state, OptionalInt port,
        String reason, Instant createdAt, Optional<Instant> startedAt, int restarts, long revision) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        if (restarts < 0) {
            throw new IllegalArgumentException("an instance's restarts are 0 or more, not " + restarts);
        }
        if (revision < 0) {
            throw new IllegalArgumentException("an instance's revision is 0 or more, not " + revision);
        }
    }

    /** A new instance, placed on a node and not yet registered. */
    public static Instance allocated(VersionId version, String instanceType, String node, Instant now) {
        return new Instance(InstanceId.random(), version, instanceType, node, InstanceState.ALLOCATED, OptionalInt.empty(),
                "", now, Optional.empty(), 0, 0);
    }

    public Instance withState(InstanceState newState, String why) {
        return new Instance(id, versionId, instanceType, node, newState, port, why, createdAt, startedAt, restarts, revision);
    }

    /** This instance about to be started again in place: one restart more, STARTING for the reason given. */
    public Instance restarting(String why) {
        return new Instance(id, versionId, instanceType, node, InstanceState.STARTING, port, why, createdAt, startedAt,
                restarts + 1, revision);
    }

    public Instance withPort(int newPort) {
        return new Instance(id, versionId, instanceType, node, state, OptionalInt.of(newPort), reason, createdAt, startedAt,
                restarts, revision);
    }

    public Instance running(Instant now) {
        return new Instance(id, versionId, instanceType, node, InstanceState.RUNNING, port, "", createdAt, Optional.of(now),
                restarts, revision);
    }

    /** This record as the store holds it at the revision given. */
    public Instance withRevision(long newRevision) {
        return new Instance(id, versionId, instanceType, node, state, port, reason, createdAt, startedAt, restarts,
                newRevision);
    }
}
