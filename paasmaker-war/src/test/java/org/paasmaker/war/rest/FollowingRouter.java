package org.paasmaker.war.rest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A router process as an operator starts one on another machine, {@code java -jar paasmaker-router.jar
 * --follow ...} (the router module's jar, system property {@code paasmaker.router.jar}): it follows the
 * controllers' routing table over their cluster endpoints with the node token, and keeps serving its
 * last table while none answers. Closing kills it.
 */
final class FollowingRouter implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC");

    private final Process process;
    private final int port;

    private FollowingRouter(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param controllers the controllers' cluster endpoints, given to {@code --follow} separated by commas */
    static FollowingRouter start(List<URI> controllers, String nodeToken, String name, Path directory)
            throws IOException {
        Path home = Files.createDirectories(directory.resolve("router-" + name));
        Path tokenFile = Files.writeString(directory.resolve("router-" + name + ".token"), nodeToken + "\n");
        int port = LibertyController.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar().toString(), "--home", home.toString(), "--port", Integer.toString(port), "--https-port", "-1",
                "--bind", "127.0.0.1", "--event-loops", "1",
                "--follow", controllers.stream().map(URI::toString).collect(Collectors.joining(",")),
                "--token-file", tokenFile.toString(), "--name", name));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("router-" + name + ".out").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PAASMAKER_"));
        FollowingRouter router = new FollowingRouter(builder.start(), port);
        router.process.getOutputStream().close();
        return router;
    }

    private static Path jar() {
        String jar = System.getProperty("paasmaker.router.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no router jar at " + jar + " (system property paasmaker.router.jar); run"
                    + " the integration tests with mvn verify, which builds it and sets it");
        }
        return Path.of(jar);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
