package org.paasmaker.engine.node;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.node.NodeProfile;

/**
 * A node agent's whole state as it last reported it.
 *
 * @param received when the controller heard it, by the controller's clock (what a timeout compares to)
 * @param sent when the agent sent it, by the agent's clock
 * @param profile what the node is now
 * @param running the instances whose processes the agent finds alive
 */
public record NodeReport(Instant received, Instant sent, NodeProfile profile, Set<InstanceId> running) {

    public NodeReport {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(profile, "profile");
        running = Set.copyOf(running);
    }
}
