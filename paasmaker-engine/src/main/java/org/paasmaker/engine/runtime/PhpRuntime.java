package org.paasmaker.engine.runtime;

import java.io.IOException;
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
 * PHP as the original served it, by a real web server per instance rather than PHP's development
 * server: an nginx on the instance's port in front of a php-fpm of the chosen version, both in the
 * instance's process group (so stopping the instance stops both), their configuration in a {@code php}
 * folder beside the instance's code. Directory indexes are index.php, index.html and index.htm; the
 * instance's environment, {@code PM_*} included, reaches PHP's {@code getenv()}; both servers' access
 * and error logs go to the instance's log.
 */
final class PhpRuntime implements Runtime {

    static final List<String> FPM_NAMES = List.of("php-fpm", "php-fpm8.4", "php-fpm8.3", "php-fpm8.2", "php-fpm8.1",
            "php-fpm8.0", "php-fpm7.4");
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final ExecutableRuntime fpm;
    private final PhpServer server;

    PhpRuntime(ExecutableRuntime fpm, PhpServer server) {
        this.fpm = fpm;
        this.server = server;
    }

    @Override
    public List<String> versions() {
        return fpm.versions();
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        return fpm.environment(version, base);
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        if (request.port().isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the php runtime serves pages over HTTP;"
                    + " an instance type using it cannot be standalone");
        }
        String documentRoot = request.parameters().string("document_root");
        Path code = request.codeDirectory().toAbsolutePath().normalize();
        Path root = code.resolve(documentRoot).normalize();
        if (!root.startsWith(code) || !Files.isDirectory(root)) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the document_root '" + documentRoot
                    + "' is not a folder of the application's code; give one inside it, such as web/");
        }
        Path configuration = code.resolveSibling("php");
        try {
            Files.createDirectories(configuration);
            Path script = server.write(configuration, root, request.port().getAsInt(), fpm.executable(request.version()));
            return new LaunchPlan(List.of("/bin/bash", script.toString()), environment(request.version(),
                    request.environment()), READY_WITHIN);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot write the web server's configuration in "
                    + configuration + ": " + e.getMessage(), e);
        }
    }
}
