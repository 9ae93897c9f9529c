package org.paasmaker.engine.internal;

import java.nio.file.Path;
import java.util.Objects;

/** Where the engine keeps things under its home directory ({@code PAASMAKER_HOME}). */
public record EngineLayout(Path home) {

    public EngineLayout {
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
    }

    /** One log file per job, and one record per job tree so that the next engine shows them. */
    public Path jobs() {
        return home.resolve("jobs");
    }

    /** Packed, prepared code, by checksum. */
    public Path packages() {
        return home.resolve("packages");
    }

    /** Working copies while versions are prepared; each is deleted when its job ends. */
    public Path work() {
        return home.resolve("work");
    }

    /** Archives uploaded through the REST API, each deleted when its prepare ends. */
    public Path uploads() {
        return home.resolve("uploads");
    }

    /** One directory per instance: its fresh copy of the code, and its logs. */
    public Path instances() {
        return home.resolve("instances");
    }

    /** A record per running instance process, so a restarted engine finds them. */
    public Path processes() {
        return home.resolve("processes");
    }

    /** The records of the instances' log writers (see {@code process.LogWriters}). */
    public Path logWriters() {
        return home.resolve("log-writers");
    }

    /** The web-crons' ledger (the last slot handled, per cron) and their logs. */
    public Path crons() {
        return home.resolve("crons");
    }

    /** The router process's state: its table, control channel, logs and process record. */
    public Path router() {
        return home.resolve("router");
    }

    /** The records, when the engine keeps them in its own file store. */
    public Path store() {
        return home.resolve("store.json");
    }

    /** One directory per plugin, for what it keeps (the filesystem service's directories, ...). */
    public Path plugins() {
        return home.resolve("plugins");
    }
}
