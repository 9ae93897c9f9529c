package org.paasmaker.engine.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;

/**
 * Serves an instance's {@code document_root} with the engine's own small file server, started as a
 * process of its own like any instance, so it outlives the engine. Version "1", as the original's.
 */
final class StaticRuntime implements Runtime {

    static final String VERSION = "1";
    private static final String SERVER = "org.paasmaker.engine.runtime.staticfiles.StaticFileServer";
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    @Override
    public List<String> versions() {
        return List.of(VERSION);
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        return base;
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        if (request.port().isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the static runtime serves files over HTTP;"
                    + " an instance type using it cannot be standalone");
        }
        String documentRoot = request.parameters().string("document_root");
        Path code = request.codeDirectory().toAbsolutePath().normalize();
        Path root = code.resolve(documentRoot).normalize();
        if (!root.startsWith(code)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the document_root '" + documentRoot
                    + "' points outside the application's code; give a folder inside it, such as web/");
        }
        if (!Files.isDirectory(root)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the document_root '" + documentRoot
                    + "' is not a folder of the application's code");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new LaunchPlan(List.of(java.toString(), "-Xmx64m", "-cp", engineClassPath(), SERVER, root.toString(),
                Integer.toString(request.port().getAsInt())), request.environment(), READY_WITHIN);
    }

    /** The engine's and the api's classes (their jars, or their folders when run from a build). */
    private static String engineClassPath() {
        return codeSource(StaticRuntime.class) + java.io.File.pathSeparator + codeSource(PaasmakerException.class);
    }

    private static String codeSource(Class<?> type) {
        var location = type.getProtectionDomain().getCodeSource().getLocation();
        if (!"file".equals(location.getProtocol())) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the static runtime cannot start its file server"
                    + " from classes loaded from " + location + "; the engine must run from a jar or a folder");
        }
        try {
            return Path.of(location.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot locate the engine's classes: " + e.getMessage(), e);
        }
    }
}
