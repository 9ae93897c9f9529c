package org.paasmaker.client.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of the command line: its exit code and everything it wrote. */
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

    /** A manifest of the test resources, by file name. */
    static Path manifest(String name) {
        try {
            return Path.of(CommandLineRun.class.getResource("/manifests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
