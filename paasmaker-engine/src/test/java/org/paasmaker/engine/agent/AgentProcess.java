package org.paasmaker.engine.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node agent as an operator starts it: {@code java ... org.paasmaker.engine.Main agent ...} in a
 * process of its own (this JVM's class path), its output in a file. Closing kills it with SIGKILL;
 * its instances run on, as they would.
 */
final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private AgentProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param jvmOptions such as {@code -Xmx32m}, before the main class
     */
    static AgentProcess start(List<String> jvmOptions, URI controller, Path tokenFile, String address, Path home,
            String name, String ports, Path output) throws IOException {
        return start(jvmOptions, controller, tokenFile, address, home, name, ports, List.of(), output);
    }

    /** @param more further options, such as {@code --tag rack=a} */
    static AgentProcess start(List<String> jvmOptions, URI controller, Path tokenFile, String address, Path home,
            String name, String ports, List<String> more, Path output) throws IOException {
        return start(jvmOptions, controller.toString(), tokenFile, address, home, name, ports, more, output);
    }

    /** @param controllers one controller's URL, or several separated by commas */
    static AgentProcess start(List<String> jvmOptions, String controllers, Path tokenFile, String address, Path home,
            String name, String ports, List<String> more, Path output) throws IOException {
        List<String> launcher = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        launcher.addAll(jvmOptions);
        launcher.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.paasmaker.engine.Main", "agent"));
        List<String> options = new ArrayList<>(List.of("--controller", controllers));
        options.addAll(more);
        return launch(launcher, Map.of(), tokenFile, address, home, name, ports, options, output);
    }

    /**
     * @param launcher what runs the agent command, such as {@code java ... -jar paasmaker-engine.jar agent}
     *        or {@code bin/paasmaker-agent}
     * @param environment added to this JVM's, without its PAASMAKER_ variables
     * @param options {@code --controller} and more
     */
    static AgentProcess launch(List<String> launcher, Map<String, String> environment, Path tokenFile, String address,
            Path home, String name, String ports, List<String> options, Path output) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--token-file", tokenFile.toString(), "--address", address,
                "--home", home.toString(), "--name", name, "--ports", ports, "--port", "0", "--report-every", "1"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PAASMAKER_"));
        builder.environment().putAll(environment);
        return new AgentProcess(builder.start(), output);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** SIGKILL, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
