package org.paasmaker.engine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.source.Source;
import org.paasmaker.engine.internal.Directories;

/** Copies a directory on this machine into the working copy, so preparing never touches the original. */
final class DirectorySource implements Source {

    @Override
    public void fetch(PluginParameters parameters, StepContext step) {
        Path location = Path.of(parameters.string("location"));
        if (!Files.isDirectory(location)) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED,
                    "the source directory '" + location + "' does not exist or is not a directory");
        }
        step.log("Copying " + location.toAbsolutePath());
        try {
            Directories.copyTree(location, step.workingDirectory());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED,
                    "cannot copy the source directory '" + location + "': " + e, e);
        }
    }
}
