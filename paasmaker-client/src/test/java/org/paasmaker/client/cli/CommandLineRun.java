package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
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

    /** A manifest of the test resources, by file name. */
    static Path manifest(String name) {
        try {
            return Path.of(CommandLineRun.class.getResource("/manifests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
