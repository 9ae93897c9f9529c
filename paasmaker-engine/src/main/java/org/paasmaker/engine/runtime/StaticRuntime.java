package org.paasmaker.engine.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;
import org.paasmaker.engine.process.EngineJava;

/**
 * Serves an instance's {@code document_root} with the engine's own small file server, started as a
 * process of its own like any instance, so it outlives the engine. Version "1", as the original's.
 */
final class StaticRuntime implements Runtime {

    static final String VERSION = "1";
    /**
     * Every instance is a JVM of its own, so it is sized for a small machine: the serial collector and
     * the C1 compiler only (43 MB resident idle and 67 MB at the peak of a load, against 47 and 110 MB
     * with the JVM's defaults, and no fewer requests a second: the server waits on sockets and disks),
     * and TCP_NODELAY on its sockets, without which each response waits for the client's delayed
     * acknowledgement (some 40 ms): 550 requests a second from 32 connections, 14,000 with it.
     * docs/benchmarks.md, "Footprint (issue 20): the node agent and the static runtime".
     */
    static final List<String> JAVA_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss256k", "-XX:ReservedCodeCacheSize=16m", "-Dsun.net.httpserver.nodelay=true");
    private static final String SERVER = "org.paasmaker.engine.runtime.staticfiles.StaticFileServer";
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final List<String> javaOptions;

    /** @param javaOptions the file server's JVM options, the operator's setting or {@link #JAVA_OPTIONS} */
    StaticRuntime(List<String> javaOptions) {
        this.javaOptions = List.copyOf(javaOptions);
    }

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
        List<String> command = new ArrayList<>(List.of(EngineJava.executable()));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", engineClassPath(), SERVER, root.toString(),
                Integer.toString(request.port().getAsInt())));
        return new LaunchPlan(command, request.environment(), READY_WITHIN);
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
