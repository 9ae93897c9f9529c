package org.paasmaker.engine.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.prepare.CommandStep;
import org.paasmaker.engine.internal.Directories;

/**
 * The original's filesystem linker: each directory named in {@code directories} (relative to the
 * instance's code, {@code public/uploads}) becomes a link to the same path inside the application's
 * one service of protocol {@code directory}, which its versions share, so files the application writes
 * there outlive a new version. Files the code ships in such a directory are copied into the service
 * where it has none of that name yet, so a first version seeds it and later ones never overwrite uploads.
 */
final class FilesystemLinker implements CommandStep {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run(PluginParameters parameters, StepContext step) {
        Path service = serviceDirectory(step.environment());
        Path code = step.workingDirectory();
        for (String name : parameters.stringList("directories")) {
            Path inCode = inside(code, name);
            Path inService = inside(service, name);
            try {
                Files.createDirectories(inService);
                if (Files.isSymbolicLink(inCode)) {
                    Files.delete(inCode);
                } else if (Files.isDirectory(inCode)) {
                    seed(inCode, inService);
                    Directories.deleteTree(inCode);
                } else if (Files.exists(inCode)) {
                    throw new PaasmakerException(ErrorCode.START_FAILED, "paasmaker.startup.filesystemlinker: '" + name
                            + "' is a file in the code, not a directory; name a directory in 'directories'");
                }
                Files.createDirectories(inCode.getParent());
                Files.createSymbolicLink(inCode, inService);
                step.log("linked " + name + " to " + inService);
            } catch (IOException e) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "paasmaker.startup.filesystemlinker cannot link '"
                        + name + "' to " + inService + ": " + e.getMessage(), e);
            }
        }
    }

    /** The directory of the application's only filesystem service, from PM_SERVICES. */
    private static Path serviceDirectory(Map<String, String> environment) {
        List<String> names = new ArrayList<>();
        List<String> directories = new ArrayList<>();
        try {
            JsonNode services = JSON.readTree(environment.getOrDefault("PM_SERVICES", "{}"));
            services.fields().forEachRemaining(service -> {
                if ("directory".equals(service.getValue().path("protocol").asText())) {
                    names.add(service.getKey());
                    directories.add(service.getValue().path("directory").asText());
                }
            });
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "PM_SERVICES is not JSON: " + e.getMessage(), e);
        }
        if (directories.size() != 1) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "paasmaker.startup.filesystemlinker needs exactly one"
                    + " service of protocol 'directory' (paasmaker.service.filesystem); the application has "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + "; add one to the manifest's services");
        }
        return Path.of(directories.get(0));
    }

    /** The path under the root; a name that leaves it is refused. */
    private static Path inside(Path root, String name) {
        Path path = root.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !path.startsWith(root) || path.equals(root)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "paasmaker.startup.filesystemlinker: the"
                    + " directory '" + name + "' is not a folder inside the application; give a relative path such as"
                    + " 'uploads'");
        }
        return path;
    }

    private static void seed(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target);
                    } else if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(file, target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    }
                } catch (FileAlreadyExistsException e) {
                    // The service has its own file of that name: the application's upload wins.
                }
            }
        }
    }
}
