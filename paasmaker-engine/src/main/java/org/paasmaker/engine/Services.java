package org.paasmaker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.DumpFormat;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.api.store.Store;
import org.paasmaker.engine.internal.KeyedLocks;
import org.paasmaker.engine.plugin.PluginRegistry;

/**
 * The engine's service verbs: an application service's data exported as a dump and imported from one
 * (the original's service export and import), by the service's plugin. One export or import per
 * service at a time.
 */
public final class Services {

    private final Store store;
    private final PluginRegistry plugins;
    private final Path work;
    private final KeyedLocks locks = new KeyedLocks();

    Services(Store store, PluginRegistry plugins, Path work) {
        this.store = store;
        this.plugins = plugins;
        this.work = work;
    }

    public ApplicationService get(ServiceId id) {
        return store.services().get(id);
    }

    /** What the service's dumps are; refused for a plugin with nothing to export. */
    public DumpFormat dumpFormat(ServiceId id) {
        return dumps(get(id)).format();
    }

    /** A file name for the service's dump: {@code blog-db.dump}, of its application's and its own names. */
    public String dumpFileName(ServiceId id) {
        ApplicationService service = get(id);
        Application application = store.applications().get(service.applicationId());
        return safe(application.name()) + "-" + safe(service.name()) + dumps(service).format().extension();
    }

    /** Writes the service's data to {@code out} as a dump, as it is read. */
    @SuppressWarnings("try") // the lock is held for the block, never read
    public void export(ServiceId id, OutputStream out) {
        ApplicationService service = get(id);
        ServiceDumps dumps = dumps(service);
        try (KeyedLocks.Held held = locks.lock(id.toString())) {
            dumps.export(request(service), service.credentials(), out);
        }
    }

    /**
     * Replaces the service's data with the dump's. The dump is read whole into a file first, so that a
     * dump that breaks off is refused before the data is touched; a dump that fails to load leaves the
     * data as it was (the error says so, or what it left).
     */
    @SuppressWarnings("try")
    public void restore(ServiceId id, InputStream dump) {
        ApplicationService service = get(id);
        ServiceDumps dumps = dumps(service);
        Path file = spool(dump, dumps.format());
        try (KeyedLocks.Held held = locks.lock(id.toString())) {
            dumps.restore(request(service), service.credentials(), file);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Left in the engine's work folder, the platform's alone.
            }
        }
    }

    private ServiceDumps dumps(ApplicationService service) {
        return plugins.service(service.plugin()).dumps().orElseThrow(() -> new PaasmakerException(
                ErrorCode.INVALID_REQUEST, "the " + service.plugin() + " service '" + service.name() + "' has nothing"
                        + " to export or import; only services that hold data (paasmaker.service.postgres,"
                        + " paasmaker.service.mysql, paasmaker.service.managedredis) have dumps"));
    }

    private ServiceRequest request(ApplicationService service) {
        Application application = store.applications().get(service.applicationId());
        return new ServiceRequest(application.id(), application.name(),
                store.workspaces().get(application.workspaceId()).stub(), service.name(), service.parameters());
    }

    private Path spool(InputStream dump, DumpFormat format) {
        Path file;
        try {
            Files.createDirectories(work);
            file = Files.createTempFile(work, "import-", format.extension(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot make a file for the dump in " + work + ": "
                    + e.getMessage(), e);
        }
        try (InputStream in = dump) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof PaasmakerException known) {
                throw known;
            }
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the dump did not arrive whole: " + e.getMessage(),
                    e);
        }
    }

    private static String safe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "service" : safe;
    }
}
