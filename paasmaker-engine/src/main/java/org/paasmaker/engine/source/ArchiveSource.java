package org.paasmaker.engine.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.source.Source;
import org.paasmaker.engine.pack.ArchiveLimits;
import org.paasmaker.engine.pack.TarGzPacker;
import org.paasmaker.engine.pack.ZipExtractor;

/**
 * Unpacks an uploaded archive into the working copy. Archives come from users, so they are unpacked
 * under the limits for untrusted input: nothing may land outside the working copy.
 */
final class ArchiveSource implements Source {

    enum Format { TAR_GZ, ZIP }

    private final Format format;

    ArchiveSource(Format format) {
        this.format = format;
    }

    @Override
    public void fetch(PluginParameters parameters, StepContext step) {
        Path location = Path.of(parameters.string("location"));
        if (!Files.isRegularFile(location)) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED, "the archive '" + location + "' does not exist");
        }
        step.log("Unpacking " + location);
        if (format == Format.ZIP) {
            new ZipExtractor().extract(location, step.workingDirectory(), ArchiveLimits.sources());
            return;
        }
        try (InputStream in = Files.newInputStream(location)) {
            new TarGzPacker().unpack(in, step.workingDirectory(), ArchiveLimits.sources());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED, "cannot read the archive '" + location + "': "
                    + e.getMessage(), e);
        }
    }
}
