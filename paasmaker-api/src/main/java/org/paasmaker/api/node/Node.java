package org.paasmaker.api.node;

import java.time.Duration;
import java.util.OptionalInt;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.plugin.StepContext;

/**
 * A machine instances run on. The controller's side of the engine reaches nodes only through this
 * port: the local node today, nodes on other machines later, with no change to the controller.
 */
public interface Node {

    /** The node's name, unique in the cluster. */
    String name();

    /** What the node is: its address, tags, runtimes with their versions and its port range. */
    NodeProfile profile();

    /**
     * Whether the instance accepts a TCP connection on its port at the node's address: the health
     * checks' probe, made where the instance runs rather than from the controller.
     */
    boolean probe(InstanceId instance, int port);

    /**
     * Readies an instance: fetches the version's package, unpacks a fresh copy for the instance alone
     * and, unless it is standalone, chooses the TCP port it will listen on. Nothing is left behind
     * when it fails.
     *
     * @return the instance's port; empty when it needs none
     */
    OptionalInt register(InstanceId instance, String packageChecksum, boolean needsPort);

    /**
     * Starts a registered instance: runs its startup commands in its directory, then its runtime's
     * launch plan as a process of its own that outlives the engine, and returns once it is up (it
     * listens on its port, or a standalone one stayed up for its grace period). The node runs every
     * process itself: the controller's step only hears the startup output and is asked whether the job
     * was aborted. A failure leaves no process behind.
     */
    void start(InstanceId instance, InstanceStart start, StepContext step);

    /**
     * Starts a registered instance's process again in place, after it ended: the same directory,
     * port and environment, without its startup commands and without a fresh copy of the code (as the
     * original Paasmaker restarted an instance that exited with status 0). Returns once it is up; a
     * failure leaves no process behind.
     */
    void restart(InstanceId instance, InstanceStart start, StepContext step);

    /**
     * How the instance's process ended: its exit status, or 128 plus the signal that killed it. Empty
     * while it runs, and when this node did not see it end (a process an earlier engine started).
     */
    java.util.OptionalInt exitStatus(InstanceId instance);

    /** Stops the instance's whole process tree (SIGTERM, then SIGKILL after the grace period). */
    void stop(InstanceId instance, Duration grace);

    /**
     * Ends a failed instance for good: stops whatever is left of its processes and frees its port, but
     * keeps its files, so its log tells what happened until the version is deregistered.
     */
    void release(InstanceId instance);

    /** Whether the instance's process is alive (a reused pid does not count). */
    boolean isAlive(InstanceId instance);

    /** The last lines of the instance's output; still there after it died or was stopped. */
    String logTail(InstanceId instance, int lines);

    /**
     * The last {@code lines} whole lines of the instance's output, and the offset of its log where
     * {@link #logAfter} reads on: the start of following the output as it is written.
     */
    LogLines logLast(InstanceId instance, int lines);

    /**
     * The whole lines of the instance's output from byte {@code offset} of its log on, about
     * {@code maxBytes} at most (a longer line comes in pieces). A log shorter than {@code offset} was
     * rotated (copied away and emptied): the read starts at 0 of its new content. No log reads as empty.
     */
    LogLines logAfter(InstanceId instance, long offset, int maxBytes);

    /**
     * Lines of an instance's output.
     *
     * @param text whole lines, each ending with a newline; empty when there were none
     * @param next the byte offset in the log where the next read starts
     */
    record LogLines(String text, long next) {
    }

    /**
     * The instances whose processes this node finds alive, including those a previous engine started:
     * after a restart the engine adopts these rather than starting them again.
     */
    java.util.Set<InstanceId> running();

    /** Periodic upkeep: instance logs that grew past their cap are rotated. */
    void maintain();

    /** Deletes the instance's files and frees its port; an instance the node does not know is fine. */
    void deregister(InstanceId instance);
}
