package org.paasmaker.engine.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.engine.cluster.NodeToken;

/**
 * A node agent's settings: the controllers it serves, the node token, the address its instances and
 * its node verbs are reached at, its home, its name and tags, its instances' ports, the port of its
 * node verbs and how often it reports. Each comes from an option or, without it, a variable.
 *
 * @param controllers the cluster endpoints of the controllers sharing one store: the agent registers
 *        and reports to each, so that whichever leads knows this node
 *
 * @param environment the variables its plugins and log limits read, as an engine's do
 */
public record AgentSettings(List<URI> controllers, NodeToken token, String address, Path home, String name,
        Map<String, Object> tags, PortRange ports, int port, Duration reportInterval, Map<String, String> environment) {

    public static final int DEFAULT_PORT = 8092;
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(2);

    /** The options, for the usage text. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "  --controller URL[,URL...]  the controller's cluster endpoint, http://HOST:8091",
            "                     ($PAASMAKER_CONTROLLER); of several on one database, all: it reports to each",
            "  --token-file FILE  the node token, as the controllers have it: the same token on every one",
            "                     ($PAASMAKER_NODE_TOKEN_FILE, or the token itself in $PAASMAKER_NODE_TOKEN)",
            "  --address ADDRESS  where the controller and routers reach this machine ($PAASMAKER_NODE_ADDRESS,",
            "                     default 127.0.0.1)",
            "  --home DIR         packages, instances and their records ($PAASMAKER_HOME, default ~/.paasmaker)",
            "  --name NAME        the node's name ($PAASMAKER_NODE_NAME, default the host's name)",
            "  --tag KEY=VALUE    a tag of the node, repeatable ($PAASMAKER_NODE_TAGS, as KEY=VALUE,KEY=VALUE)",
            "  --ports FIRST-LAST the instances' ports ($PAASMAKER_PORTS, default 42600-42699)",
            "  --port PORT        where the node verbs are served ($PAASMAKER_AGENT_PORT, default 8092)",
            "  --report-every S   seconds between reports ($PAASMAKER_REPORT_INTERVAL, default 2)");

    public AgentSettings {
        controllers = List.copyOf(controllers);
        if (controllers.isEmpty()) {
            throw invalid("the controller is missing: give --controller http://HOST:8091");
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(home, "home");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the node's name is lowercase letters, digits and"
                    + " dashes; '" + name + "' is not: give one with --name");
        }
        tags = Map.copyOf(tags);
        Objects.requireNonNull(ports, "ports");
        if (port < 0 || port > 65535) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the agent's port is 0 (any free one) to 65535, not "
                    + port);
        }
        if (reportInterval.isNegative() || reportInterval.isZero()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the report interval must be positive: "
                    + reportInterval);
        }
        environment = Map.copyOf(environment);
    }

    /** The same settings, reporting every {@code interval}. */
    public AgentSettings withReportInterval(Duration interval) {
        return new AgentSettings(controllers, token, address, home, name, tags, ports, port, interval, environment);
    }

    /** Reads the options, each falling back on its variable; an unknown or incomplete option is an error naming it. */
    public static AgentSettings parse(List<String> args, Map<String, String> environment) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Object> tags = new LinkedHashMap<>();
        Deque<String> words = new ArrayDeque<>(args);
        while (!words.isEmpty()) {
            String option = words.poll();
            if (!List.of("--controller", "--token-file", "--address", "--home", "--name", "--tag", "--ports", "--port",
                    "--report-every").contains(option)) {
                throw invalid("unknown option '" + option + "'");
            }
            if (words.isEmpty()) {
                throw invalid(option + " needs a value");
            }
            String value = words.poll();
            if (option.equals("--tag")) {
                addTag(tags, value, "--tag");
            } else {
                options.put(option, value);
            }
        }
        if (tags.isEmpty()) {
            variable(environment, "PAASMAKER_NODE_TAGS").ifPresent(text -> {
                for (String tag : text.split(",")) {
                    addTag(tags, tag.strip(), "PAASMAKER_NODE_TAGS");
                }
            });
        }
        String controller = option(options, "--controller", environment, "PAASMAKER_CONTROLLER").orElseThrow(
                () -> invalid("the controller is missing: give --controller http://HOST:8091"));
        NodeToken token = option(options, "--token-file", environment, "PAASMAKER_NODE_TOKEN_FILE")
                .map(file -> NodeToken.readFile(Path.of(file)))
                .or(() -> variable(environment, "PAASMAKER_NODE_TOKEN").map(t -> new NodeToken(t, "PAASMAKER_NODE_TOKEN")))
                .orElseThrow(() -> invalid("the node token is missing: give --token-file FILE, the file holding the"
                        + " controller's node token"));
        Path home = option(options, "--home", environment, "PAASMAKER_HOME").map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".paasmaker"));
        return new AgentSettings(controllerUris(controller), token,
                option(options, "--address", environment, "PAASMAKER_NODE_ADDRESS").orElse("127.0.0.1"), home,
                option(options, "--name", environment, "PAASMAKER_NODE_NAME").orElseGet(AgentSettings::hostName),
                tags,
                option(options, "--ports", environment, "PAASMAKER_PORTS").map(PortRange::parse).orElse(PortRange.DEFAULT),
                option(options, "--port", environment, "PAASMAKER_AGENT_PORT").map(text -> number(text, "--port"))
                        .orElse(DEFAULT_PORT),
                option(options, "--report-every", environment, "PAASMAKER_REPORT_INTERVAL")
                        .map(text -> Duration.ofSeconds(number(text, "--report-every"))).orElse(DEFAULT_REPORT_INTERVAL),
                environment);
    }

    /** {@code http://a:8091,http://b:8091}: each one checked, a bad one named with its place in the list. */
    private static List<URI> controllerUris(String text) {
        String[] parts = text.split(",", -1);
        List<URI> uris = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            String where = parts.length == 1 ? "" : " (controller " + (i + 1) + " of " + parts.length + " in '"
                    + text + "')";
            URI uri = controllerUri(part, where);
            if (uris.contains(uri)) {
                throw invalid("the controller '" + part + "'" + where + " is given twice");
            }
            uris.add(uri);
        }
        return uris;
    }

    private static URI controllerUri(String text, String where) {
        try {
            URI uri = URI.create(text);
            if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Said below.
        }
        throw invalid("the controller '" + text + "'" + where + " is not a URL such as http://HOST:8091");
    }

    private static void addTag(Map<String, Object> tags, String tag, String where) {
        int equals = tag.indexOf('=');
        if (equals < 1) {
            throw invalid(where + " '" + tag + "' is not KEY=VALUE");
        }
        tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).strip());
    }

    private static int number(String text, String option) {
        if (!text.strip().matches("\\d{1,5}")) {
            throw invalid(option + " '" + text + "' is not a number");
        }
        return Integer.parseInt(text.strip());
    }

    private static Optional<String> option(Map<String, String> options, String option, Map<String, String> environment,
            String variable) {
        return Optional.ofNullable(options.get(option)).or(() -> variable(environment, variable));
    }

    private static Optional<String> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The host's own name, made a node name: "Web-1.example.com" becomes "web-1". */
    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            String first = host.split("\\.")[0].replaceAll("[^a-z0-9-]", "-");
            return first.isEmpty() ? "node" : first;
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    private static PaasmakerException invalid(String message) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, message);
    }
}
