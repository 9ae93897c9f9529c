package org.paasmaker.api.node;

/** Whether the controller places new instances on a node. */
public enum NodeState {
    /** Takes new instances. */
    ACTIVE,
    /** Keeps its instances but takes no new ones (an operator is draining it). */
    INACTIVE,
    /** Stopped reporting: takes nothing, and its instances are counted as lost. */
    DOWN
}
