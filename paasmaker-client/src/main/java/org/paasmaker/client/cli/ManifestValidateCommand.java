package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.manifest.Manifest;
import org.paasmaker.api.manifest.ManifestReader;
import org.paasmaker.api.plugin.BuiltinPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code paasmaker manifest validate [PATH]}: checks a manifest without a server, against the plugins
 * built into Paasmaker. A valid manifest gets a one-line summary; an invalid one gets every error, one
 * per line as {@code FILE:LINE: path: message} like a compiler's, and exit code 2.
 */
@Command(name = "validate",
        description = "Check a manifest without a server: its keys and values, and the plugins it names and"
                + " their parameters, against the plugins built into Paasmaker.")
final class ManifestValidateCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PATH", defaultValue = "manifest.yml",
            description = "The manifest to check (default: ${DEFAULT-VALUE}).")
    Path path;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(summary(new ManifestReader(BuiltinPlugins.catalog()).read(path)));
            return 0;
        } catch (InvalidManifestException e) {
            e.errors().forEach(error -> out.println(compilerStyle(e.source(), error)));
            int count = e.errors().size();
            spec.commandLine().getErr().println(count + (count == 1 ? " error" : " errors") + " in " + e.source());
            return e.code().exitCode();
        }
    }

    private String summary(Manifest manifest) {
        String types = manifest.instances().isEmpty() ? "none" : manifest.instances().stream()
                .map(type -> type.name() + " (" + type.quantity() + ")")
                .collect(Collectors.joining(", "));
        return path + " is valid: application '" + manifest.application().name() + "', instance types " + types
                + ", services " + manifest.services().size();
    }

    /** {@code FILE:LINE: path: message}, or without the line where the error has none. */
    static String compilerStyle(String source, FieldError error) {
        return source + (error.line() > 0 ? ":" + error.line() : "") + ": " + error;
    }
}
