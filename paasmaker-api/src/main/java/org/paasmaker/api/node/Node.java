package org.paasmaker.api.node;

import java.util.OptionalInt;
import org.paasmaker.api.instance.InstanceId;

/**
 * A machine instances run on. The controller's side of the engine reaches nodes only through this
 * port: the local node today, nodes on other machines later, with no change to the controller.
 */
public interface Node {

    /** The node's name, unique in the cluster. */
    String name();

    /**
     * Readies an instance: fetches the version's package, unpacks a fresh copy for the instance alone
     * and, unless it is standalone, chooses the TCP port it will listen on. Nothing is left behind
     * when it fails.
     *
     * @return the instance's port; empty when it needs none
     */
    OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort);

    /** Deletes the instance's files and frees its port; an instance the node does not know is fine. */
    void deregister(InstanceId instance);
}
