package org.paasmaker.api.service;

import java.io.OutputStream;
import java.nio.file.Path;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * A service's data as one file, out and back in: the original's service export and import. Optional:
 * a {@link Service} that holds data offers it through {@link Service#dumps()}.
 *
 * <p>Both work with the service's own credentials (as its application would), never more; secrets
 * reach the tools that do the work through their environment or a private file, never their command
 * line or a log.
 */
public interface ServiceDumps {

    /** What the dumps are. */
    DumpFormat format();

    /**
     * Writes the service's data to {@code out} as it is read, never holding it whole; a failure after
     * the first bytes leaves {@code out} with part of a dump, which {@link #restore} refuses.
     */
    void export(ServiceRequest request, PluginParameters credentials, OutputStream out);

    /**
     * Replaces the service's data with the dump's: what the service held before is gone, not merged.
     * The dump is a whole file (so that it is checked, and a truncated or foreign one refused, before the
     * data is touched). A dump that fails to load leaves the data as it was, or says what it left.
     */
    void restore(ServiceRequest request, PluginParameters credentials, Path dump);
}
