package org.paasmaker.engine.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the engine runs its router process: the state directory (the router's home: its table,
 * control port and secret, access log, output log; and the process record, the copied jar), the
 * proxy port, the router's extra options ({@code --event-loops=N}, ...), the JVM's options, how long
 * a start may take, where warnings for an operator go, and where the router's code is.
 */
public record RouterProcessSettings(Path stateDirectory, int proxyPort, List<String> routerArguments,
        List<String> jvmOptions, Duration startTimeout, Consumer<String> warnings, RouterCode code) {

    /**
     * Small: the router keeps no body in memory, so its heap holds mostly the routing table (a table
     * of 100,000 hostnames and its JSON fit in 256 MB). One GC thread leaves the cores to the loops.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms128m", "-Xmx256m", "-XX:+UseSerialGC");

    public RouterProcessSettings {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        stateDirectory = stateDirectory.toAbsolutePath();
        if (proxyPort < 0 || proxyPort > 65535) {
            throw new IllegalArgumentException("the router's port is 0 to 65535, not " + proxyPort);
        }
        routerArguments = List.copyOf(routerArguments);
        jvmOptions = List.copyOf(jvmOptions);
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("the router's start timeout is positive, not " + startTimeout);
        }
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(code, "code");
    }

    /**
     * The defaults: {@link #DEFAULT_JVM_OPTIONS}, 30 s to start, warnings to standard error, the code
     * that {@link RouterCode#from} finds in this process's environment.
     */
    public static RouterProcessSettings of(Path stateDirectory, int proxyPort) {
        return new RouterProcessSettings(stateDirectory, proxyPort, List.of(), DEFAULT_JVM_OPTIONS,
                Duration.ofSeconds(30), System.err::println, RouterCode.from(System.getenv()));
    }

    public RouterProcessSettings withRouterArguments(List<String> arguments) {
        return new RouterProcessSettings(stateDirectory, proxyPort, arguments, jvmOptions, startTimeout, warnings, code);
    }

    public RouterProcessSettings withJvmOptions(List<String> options) {
        return new RouterProcessSettings(stateDirectory, proxyPort, routerArguments, options, startTimeout, warnings, code);
    }

    public RouterProcessSettings withCode(RouterCode where) {
        return new RouterProcessSettings(stateDirectory, proxyPort, routerArguments, jvmOptions, startTimeout, warnings, where);
    }
}
