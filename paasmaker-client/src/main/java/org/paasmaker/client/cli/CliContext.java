package org.paasmaker.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command line reads from the world around it, given once: the environment variables, whether
 * a person is at a terminal, and standard input. Tests pass their own, so no test touches the process's
 * environment.
 */
final class CliContext {

    private final Map<String, String> environment;
    private final boolean terminal;
    private final InputStream stdin;
    private final OutputStream stdout;

    CliContext(Map<String, String> environment, boolean terminal, InputStream stdin) {
        this(environment, terminal, stdin, System.out);
    }

    /** The same, with the standard output that bytes (a service's dump) go to. */
    CliContext(Map<String, String> environment, boolean terminal, InputStream stdin, OutputStream stdout) {
        this.environment = Map.copyOf(environment);
        this.terminal = terminal;
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
    }

    /** The process's own: {@code System.getenv()}, a terminal when {@link System#console()} has one. */
    static CliContext system() {
        return new CliContext(System.getenv(), System.console() != null, System.in);
    }

    /** A variable's value; empty when unset or blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** Standard output as bytes, for output that is not text. */
    OutputStream stdout() {
        return stdout;
    }

    /** Whether standard input and output are a terminal, where a person reads (progress bars, prompts). */
    boolean terminal() {
        return terminal;
    }

    /** Colour on a terminal, unless {@code NO_COLOR} is set (https://no-color.org). */
    boolean colour() {
        return terminal && !environment.containsKey("NO_COLOR");
    }

    /**
     * Where {@code paasmaker login} keeps its profile: {@code $XDG_CONFIG_HOME/paasmaker}, else
     * {@code ~/.config/paasmaker}.
     */
    Path configDirectory() {
        Optional<Path> xdg = variable("XDG_CONFIG_HOME").map(Path::of).filter(Path::isAbsolute);
        return xdg.orElseGet(() -> home().resolve(".config")).resolve("paasmaker");
    }

    /**
     * The token file of a server running on this machine as this user: {@code $PAASMAKER_HOME/token},
     * else {@code ~/.paasmaker/token}, as the server writes it (readable by its owner only).
     */
    Path localServerTokenFile() {
        return variable("PAASMAKER_HOME").map(Path::of).orElseGet(() -> home().resolve(".paasmaker")).resolve("token");
    }

    private Path home() {
        return Path.of(variable("HOME").orElseGet(() -> System.getProperty("user.home")));
    }

    /**
     * A secret typed by the user: without echo on a terminal, else the first line of standard input
     * (so that {@code paasmaker login < token-file} works); empty when there is none.
     */
    Optional<String> readSecret(String prompt) {
        Console console = terminal ? System.console() : null;
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return Optional.ofNullable(typed).map(String::new).map(String::strip).filter(text -> !text.isEmpty());
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return Optional.ofNullable(line).map(String::strip).filter(text -> !text.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token from standard input", e);
        }
    }
}
