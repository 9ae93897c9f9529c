package org.paasmaker.api.placement;

import java.util.Objects;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.node.NodeState;

/**
 * A node placement may choose, with what already runs there.
 *
 * @param ofVersion the active instances of the version being placed on the node
 * @param ofType the active instances of the instance type being placed on the node
 */
public record PlacementCandidate(NodeProfile node, NodeState state, int ofVersion, int ofType) {

    public PlacementCandidate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
    }
}
