package org.paasmaker.engine.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.job.Job;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.packages.PackageStore;
import org.paasmaker.engine.prepare.CommandSteps;
import org.paasmaker.engine.store.StoredRecords;

/**
 * A version's release: its manifest's {@code application.release} commands (a schema migration,
 * say), run once for the version before its instances start, where every instance would otherwise
 * run them at once. They run as prepare commands do, each a step of its own, but in a fresh copy of
 * the version's package (deleted afterwards, so nothing they write reaches the package or an
 * instance) and with the instances' environment: PM_SERVICES with the credentials, PM_METADATA, no
 * PM_PORT. Once they succeed the version records it, and no later start of the version runs them.
 * The caller holds the application's lock.
 */
public final class ReleaseStep {

    private final Store store;
    private final CommandSteps commands;
    private final PackageStore packages;
    private final TarGzPacker packer;
    private final Path workDirectory;
    private final Clock clock;

    /** @param workDirectory where the copies are unpacked, each in a directory of its own */
    public ReleaseStep(
            Store store, CommandSteps commands, PackageStore packages, TarGzPacker packer, Path workDirectory,
            Clock clock) {
        this.store = store;
        this.commands = commands;
        this.packages = packages;
        this.packer = packer;
        this.workDirectory = workDirectory;
        this.clock = clock;
    }

    /**
     * Runs the release commands as steps under {@code job}, whose context this is, and records the
     * release on the version; a failing command fails the job and records nothing.
     */
    public void run(
            ApplicationVersion version, Application application, Manifest manifest, Map<String, String> environment,
            Job job, StepContext context) {
        List<PluginSpec> release = manifest.application().releaseCommands();
        String checksum = version.packageChecksum().orElseThrow(() -> new PaasmakerException(ErrorCode.CONFLICT,
                "version " + version.number() + " has no package to release; prepare it again"));
        Path copy = workDirectory.resolve("release-" + job.id());
        try {
            unpack(checksum, copy);
            context.log("Running " + release.size() + " release command" + (release.size() == 1 ? "" : "s")
                    + " of version " + version.number() + " of " + application.name() + " once, before its instances"
                    + " start, in a fresh copy of package " + checksum);
            commands.run(job, "Release", release, copy,
                    commands.withRuntime(manifest.application().releaseRuntime(), environment));
            StoredRecords.change(store, version.id(), stored -> stored.released(clock.instant()));
            context.log("Released: later starts of version " + version.number()
                    + " (a restart, more instances, replacements) do not run the release again");
        } finally {
            Directories.deleteQuietly(copy);
        }
    }

    private void unpack(String checksum, Path copy) {
        try {
            Files.createDirectories(workDirectory);
            Files.createDirectory(copy);
            try (InputStream in = packages.open(checksum)) {
                packer.unpack(in, copy, ArchiveLimits.packages());
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot unpack package " + checksum + " for the release"
                    + " into " + copy + ": " + e.getMessage(), e);
        }
    }
}
