package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * A database server's client program run for a service's export or import ({@code pg_dump},
 * {@code mariadb}, {@code redis-cli}): its secrets in its environment (or a private file it is
 * pointed at), never in its arguments, which anyone on the machine can read in {@code ps}. The
 * environment is the program's alone, not the platform's. What it writes to standard error goes to a
 * private file, not a pipe (a pipe nobody reads could stall it), and a failure quotes its last lines.
 *
 * @param program the program, by path
 * @param arguments its arguments: no secret among them
 * @param environment what it finds in its environment besides {@code PATH} and {@code LANG}: the secrets
 */
public record ClientTool(Path program, List<String> arguments, Map<String, String> environment) {

    private static final int BUFFER = 64 * 1024;

    public ClientTool {
        Objects.requireNonNull(program, "program");
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** How a run of the program {@code tool} ended: its status, and the last lines it wrote to standard error. */
    public record Outcome(String tool, int status, String errors) {

        public boolean succeeded() {
            return status == 0;
        }

        /** {@code pg_restore (status 1) said: ...}. */
        public String said() {
            return tool + " (status " + status + ") said:\n" + (errors.isEmpty() ? "(nothing)" : errors);
        }
    }

    /** The program's name, as messages call it: {@code pg_dump}. */
    public String name() {
        return program.getFileName().toString();
    }

    /** The command line as {@code ps} shows it: no secret in it. */
    public List<String> commandLine() {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments);
        return command;
    }

    /** Runs it with standard output copied to {@code out} as it comes; a failure to write there ends the program. */
    public Outcome runTo(OutputStream out) {
        return run(Optional.empty(), Optional.of(out));
    }

    /** Runs it with {@code input} as its standard input. */
    public Outcome runFrom(Path input) {
        return run(Optional.of(input), Optional.empty());
    }

    /** Runs it with nothing on standard input; its standard output joins its errors. */
    public Outcome run() {
        return run(Optional.empty(), Optional.empty());
    }

    private Outcome run(Optional<Path> input, Optional<OutputStream> output) {
        if (!Files.isExecutable(program)) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, program + " is missing or not executable");
        }
        Path errors = null;
        Process process = null;
        try {
            errors = Temporary.file("paasmaker-" + name() + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(commandLine())
                    .directory(errors.getParent().toFile())
                    .redirectInput(input.map(file -> ProcessBuilder.Redirect.from(file.toFile()))
                            .orElse(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))))
                    .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
            if (output.isEmpty()) {
                builder.redirectOutput(ProcessBuilder.Redirect.appendTo(errors.toFile()));
            }
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(baseEnvironment());
            env.putAll(environment);
            process = builder.start();
            if (output.isPresent()) {
                copy(process.getInputStream(), output.get());
            }
            int status = process.waitFor();
            return new Outcome(name(), status, ServerFiles.lastLines(Files.readString(errors, StandardCharsets.UTF_8)).strip());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, name() + " stopped: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while " + name() + " ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (errors != null) {
                Temporary.delete(errors);
            }
        }
    }

    private void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                to.write(buffer, 0, read);
            }
            to.flush();
        }
    }

    private static Map<String, String> baseEnvironment() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("PATH", "/usr/bin:/bin");
        base.put("LANG", "C");
        return base;
    }

    @Override
    public String toString() {
        return String.join(" ", commandLine());
    }
}
