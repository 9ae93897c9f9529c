package org.paasmaker.engine.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.process.JvmOptions;

/**
 * How the engine runs its router process: the state directory (the router's home: its table,
 * control port and secret, access log, output log; and the process record, the copied jar), the
 * proxy port, the HTTPS port (0: any free one, {@value #HTTPS_OFF}: none), the router's extra options ({@code --event-loops=N}, ...), the JVM's options, how long
 * a start may take, where warnings for an operator go, and where the router's code is.
 */
public record RouterProcessSettings(Path stateDirectory, int proxyPort, int httpsPort, List<String> routerArguments,
        List<String> jvmOptions, Duration startTimeout, Consumer<String> warnings, RouterCode code) {

    /** The HTTPS port when {@value #HTTPS_PORT_VARIABLE} says none. */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** The HTTPS port that means no HTTPS listener. */
    public static final int HTTPS_OFF = -1;
    public static final String HTTPS_PORT_VARIABLE = "PAASMAKER_ROUTER_HTTPS_PORT";

    public static final String JVM_OPTIONS_VARIABLE = "PAASMAKER_ROUTER_JVM_OPTIONS";

    /**
     * Small: the router keeps no body in memory, so its heap holds mostly the routing table (10,000
     * hostnames hold some 15 MB after a collection; 100,000 and their JSON fit in 256 MB). The heap
     * starts at 16 MB and grows only as far as the table needs: a large initial heap is all touched
     * by the young collections under load, which is most of what the router held resident. One GC
     * thread leaves the cores to the loops; the native heap is given back every second once a burst
     * of compilation or buffers has passed. Tiered compilation stays: C2 alone took the peak under a
     * first load from 98 to 90 MB, but the router's start, beside the server's own, from 1.0 to 1.3 s
     * (docs/benchmarks.md). A Java without {@code TrimNativeHeapInterval} (an older update of 17, say)
     * ignores it, as these defaults tell it to: an operator's own options are not so spared.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=1000");

    public RouterProcessSettings {
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        stateDirectory = stateDirectory.toAbsolutePath();
        if (proxyPort < 0 || proxyPort > 65535) {
            throw new IllegalArgumentException("the router's port is 0 to 65535, not " + proxyPort);
        }
        if (httpsPort < HTTPS_OFF || httpsPort > 65535) {
            throw new IllegalArgumentException("the router's HTTPS port is 0 to 65535, or " + HTTPS_OFF + " for none, not "
                    + httpsPort);
        }
        routerArguments = List.copyOf(routerArguments);
        jvmOptions = List.copyOf(jvmOptions);
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("the router's start timeout is positive, not " + startTimeout);
        }
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(code, "code");
    }

    /** Without HTTPS: what tests and embedders that route plain HTTP only ask for. */
    public RouterProcessSettings(Path stateDirectory, int proxyPort, List<String> routerArguments, List<String> jvmOptions,
            Duration startTimeout, Consumer<String> warnings, RouterCode code) {
        this(stateDirectory, proxyPort, HTTPS_OFF, routerArguments, jvmOptions, startTimeout, warnings, code);
    }

    /**
     * The HTTPS port that {@value #HTTPS_PORT_VARIABLE} of {@code environment} says, else {@value #DEFAULT_HTTPS_PORT}.
     *
     * @throws IllegalArgumentException naming the variable, when its value is no port
     */
    public static int httpsPort(Map<String, String> environment) {
        String text = environment.get(HTTPS_PORT_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_HTTPS_PORT;
        }
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= HTTPS_OFF && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException(HTTPS_PORT_VARIABLE + " is '" + text + "'; give a TCP port (0 for any free"
                + " one) or -1 for no HTTPS, such as " + DEFAULT_HTTPS_PORT);
    }

    /**
     * The JVM options that {@value #JVM_OPTIONS_VARIABLE} of {@code environment} says (words split on
     * blanks, replacing {@link #DEFAULT_JVM_OPTIONS} whole), else the defaults.
     *
     * @throws PaasmakerException naming the variable, when a word is no JVM option, holds a quote or names the
     *     code to run (which {@link RouterCode#from} chooses)
     */
    public static List<String> jvmOptions(Map<String, String> environment) {
        return JvmOptions.parse(JVM_OPTIONS_VARIABLE, environment.getOrDefault(JVM_OPTIONS_VARIABLE, ""),
                DEFAULT_JVM_OPTIONS);
    }

    /**
     * The defaults: no HTTPS, {@link #DEFAULT_JVM_OPTIONS}, 30 s to start, warnings to standard error, the code
     * that {@link RouterCode#from} finds in this process's environment.
     */
    public static RouterProcessSettings of(Path stateDirectory, int proxyPort) {
        return new RouterProcessSettings(stateDirectory, proxyPort, List.of(), DEFAULT_JVM_OPTIONS,
                Duration.ofSeconds(30), System.err::println, RouterCode.from(System.getenv()));
    }

    public RouterProcessSettings withHttpsPort(int port) {
        return new RouterProcessSettings(stateDirectory, proxyPort, port, routerArguments, jvmOptions, startTimeout,
                warnings, code);
    }

    public RouterProcessSettings withRouterArguments(List<String> arguments) {
        return new RouterProcessSettings(stateDirectory, proxyPort, httpsPort, arguments, jvmOptions, startTimeout, warnings, code);
    }

    public RouterProcessSettings withJvmOptions(List<String> options) {
        return new RouterProcessSettings(stateDirectory, proxyPort, httpsPort, routerArguments, options, startTimeout, warnings, code);
    }

    public RouterProcessSettings withCode(RouterCode where) {
        return new RouterProcessSettings(stateDirectory, proxyPort, httpsPort, routerArguments, jvmOptions, startTimeout,
                warnings, where);
    }
}
