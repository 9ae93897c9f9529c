package org.paasmaker.client.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** One run of the command line, in this JVM or as a process of its own: its exit code and everything it wrote. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    static CommandLineRun of(String... args) {
        return of(PaasmakerCommand.commandLine(), args);
    }

    /** A run that sees only the given environment (no terminal, nothing on standard input). */
    static CommandLineRun in(Map<String, String> environment, String... args) {
        return of(PaasmakerCommand.commandLine(new CliContext(environment, false, InputStream.nullInputStream())), args);
    }

    /** The same, with text on standard input. */
    static CommandLineRun withInput(Map<String, String> environment, String stdin, String... args) {
        return of(PaasmakerCommand.commandLine(new CliContext(environment, false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))), args);
    }

    /**
     * {@code program} with {@code args} as a process of its own in {@code directory} (its output in files
     * there), with this JVM's Java as {@code JAVA_HOME} and the given variables; a run that outlasts a minute
     * is killed.
     */
    static CommandLineRun process(Path directory, Map<String, String> environment, List<String> program,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of(args));
        Path out = directory.resolve("out.txt");
        Path err = directory.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new CommandLineRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A manifest of the test resources, by file name. */
    static Path manifest(String name) {
        try {
            return Path.of(CommandLineRun.class.getResource("/manifests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
