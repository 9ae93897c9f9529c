package org.paasmaker.engine.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.internal.Directories;

/**
 * A persistent directory per application service, under the plugin's own directory, named by the
 * application's id (names can be reused after a delete, ids cannot). Credentials are the original's:
 * {@code {"directory": ..., "protocol": "directory"}}.
 */
final class FilesystemService implements Service {

    private final Path root;

    FilesystemService(Path root) {
        this.root = root;
    }

    @Override
    public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
        Path directory = directory(request);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot create the directory " + directory
                    + " for service '" + request.serviceName() + "': " + e.getMessage(), e);
        }
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("directory", directory.toString());
        credentials.put("protocol", "directory");
        return PluginParameters.of(credentials);
    }

    @Override
    public void remove(ServiceRequest request, PluginParameters credentials) {
        try {
            Directories.deleteTree(directory(request));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the directory of service '"
                    + request.serviceName() + "': " + e.getMessage(), e);
        }
    }

    private Path directory(ServiceRequest request) {
        return root.resolve("application-" + request.applicationId()).resolve(request.serviceName());
    }
}
