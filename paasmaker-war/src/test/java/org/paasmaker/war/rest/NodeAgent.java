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
 * A node agent as an operator starts it, {@code org.paasmaker.engine.Main agent ...}, in a process of
 * its own on this JVM's class path, its output in a file, reporting every second. Closing kills it
 * (SIGKILL); its instances run on, as they would, for the test to kill with the rest of its directory.
 */
final class NodeAgent implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final String name;

    private NodeAgent(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /**
     * @param controllers the controllers' cluster endpoints, given to {@code --controller} separated by commas
     * @param ports the instances' ports, such as {@code 43750-43769}
     */
    static NodeAgent start(List<URI> controllers, String nodeToken, String name, String ports, Path directory)
            throws IOException {
        Path home = Files.createDirectories(directory.resolve("agent-" + name));
        Path tokenFile = Files.writeString(directory.resolve("agent-" + name + ".token"), nodeToken + "\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.paasmaker.engine.Main", "agent",
                "--controller", controllers.stream().map(URI::toString).collect(Collectors.joining(",")),
                "--token-file", tokenFile.toString(), "--address", "127.0.0.1", "--home", home.toString(),
                "--name", name, "--ports", ports, "--port", "0", "--report-every", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("agent-" + name + ".out").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PAASMAKER_"));
        NodeAgent agent = new NodeAgent(builder.start(), name);
        agent.process.getOutputStream().close();
        return agent;
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
