package org.paasmaker.engine.process;

/** A process {@link DetachedLauncher} started, and what it was asked to start. */
public record LaunchedProcess(ProcessIdentity identity, LaunchSpec spec) {

    public long pid() {
        return identity.pid();
    }
}
