package org.paasmaker.engine.process;

import java.util.OptionalInt;

/**
 * A process {@link DetachedLauncher} started, and what it was asked to start.
 *
 * @param child the process as this JVM's child: while the JVM lives it reaps the process, and so
 *     knows how it ended
 */
public record LaunchedProcess(ProcessIdentity identity, LaunchSpec spec, Process child) {

    public long pid() {
        return identity.pid();
    }

    /**
     * How it ended: its exit status, or 128 plus the signal that killed it; empty while it runs.
     */
    public OptionalInt exitStatus() {
        return child.isAlive() ? OptionalInt.empty() : OptionalInt.of(child.exitValue());
    }
}
