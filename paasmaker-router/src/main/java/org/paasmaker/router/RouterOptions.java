package org.paasmaker.router;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.routing.AccessLogLimit;
import org.paasmaker.api.routing.RouterHome;

/**
 * The router process's settings, from its command line and, for what that leaves out, from
 * {@code PAASMAKER_ROUTER_*} environment variables; parsed once, so tests pass a map.
 *
 * @param follow the route feeds of the controllers to follow, in order (empty when it follows none):
 *        several controllers on one database serve the feed from the one that leads
 * @param token the node token it sends to the controller (read from {@code --token-file})
 * @param name how the controller calls this router when it records which generation it serves
 */
record RouterOptions(RouterHome home, RouterSettings settings, List<URI> follow, Optional<String> token,
        String name) {

    /** Where a controller's cluster server serves the feed, below the URL {@code --follow} names. */
    static final String FEED_PATH = "/cluster/v1/routes";

    static final String USAGE = """
            usage: java -jar paasmaker-router.jar [--home DIR] [--port N] [--https-port N|-1] [--bind ADDRESS]
                   [--follow URL[,URL...] --token-file FILE [--name NAME]]
                   [--event-loops N] [--balancing round-robin|least-connections]
                   [--no-access-log] [--access-log-bytes N] [--access-logs-kept N]
            Each option may also be given as PAASMAKER_ROUTER_<OPTION> in the environment
            (PAASMAKER_ROUTER_HOME, _PORT, _HTTPS_PORT, _BIND, _FOLLOW, _TOKEN_FILE, _NAME, _EVENT_LOOPS, _BALANCING,
            _ACCESS_LOG_BYTES, _ACCESS_LOGS_KEPT); the command line wins. HTTPS listens on 8443 unless
            --https-port says another port (0: any free one) or -1 (none). --follow takes the controllers
            sharing a database, comma-separated: the router follows the one that leads.""";

    private static final List<String> VALUED = List.of("home", "port", "https-port", "bind", "follow", "token-file", "name",
            "event-loops", "balancing", "access-log-bytes", "access-logs-kept");

    /** @throws IllegalArgumentException naming the option or variable that is wrong, and how to mend it */
    static RouterOptions parse(List<String> args, Map<String, String> environment) {
        Map<String, String> given = new java.util.HashMap<>();
        boolean accessLog = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--no-access-log")) {
                accessLog = false;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            int equals = arg.indexOf('=');
            String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!VALUED.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("the option --" + key + " needs a value\n" + USAGE);
            }
            given.put(key, value);
        }
        for (String key : VALUED) {
            String variable = variable(key);
            if (!given.containsKey(key) && environment.get(variable) != null && !environment.get(variable).isBlank()) {
                given.put(key, environment.get(variable).strip());
            }
        }
        RouterHome home = new RouterHome(given.containsKey("home") ? Path.of(given.get("home"))
                : Path.of(System.getProperty("user.home"), ".paasmaker", "router"));
        RouterSettings settings = RouterSettings.onPort(number(given, "port", RouterSettings.DEFAULT_PORT))
                .withHttpsPort(number(given, "https-port", RouterSettings.DEFAULT_HTTPS_PORT));
        if (given.containsKey("bind")) {
            settings = settings.withBindAddress(given.get("bind"));
        }
        if (given.containsKey("event-loops")) {
            settings = settings.withEventLoops(number(given, "event-loops", 1));
        }
        if (given.containsKey("balancing")) {
            settings = settings.withBalancing(Balancing.fromWire(given.get("balancing")));
        }
        settings = accessLog ? settings.withAccessLog(home.file(RouterHome.ACCESS_LOG)) : settings.withoutAccessLog();
        settings = settings.withAccessLogLimit(new AccessLogLimit(
                given.containsKey("access-log-bytes") ? Long.parseLong(given.get("access-log-bytes"))
                        : AccessLogLimit.DEFAULT.maxBytes(),
                number(given, "access-logs-kept", AccessLogLimit.DEFAULT.kept())));
        List<URI> follow = given.containsKey("follow") ? feeds(given.get("follow")) : List.of();
        Optional<String> token = Optional.empty();
        if (!follow.isEmpty()) {
            if (!given.containsKey("token-file")) {
                throw new IllegalArgumentException("--follow needs --token-file FILE (or PAASMAKER_ROUTER_TOKEN_FILE):"
                        + " the file holding the node token the controller gave, which the router sends with each poll");
            }
            token = Optional.of(token(Path.of(given.get("token-file"))));
        }
        String name = given.containsKey("name") ? given.get("name") : hostName() + ":" + settings.port();
        return new RouterOptions(home, settings, follow, token, name);
    }

    private static String variable(String option) {
        return "PAASMAKER_ROUTER_" + option.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static int number(Map<String, String> given, String key, int otherwise) {
        String text = given.get(key);
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " (or " + variable(key) + ") is a number, not '" + text + "'");
        }
    }

    /** {@code http://a:8091,http://b:8091}: each checked, a bad one named with its place in the list. */
    static List<URI> feeds(String text) {
        String[] parts = text.split(",", -1);
        List<URI> feeds = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String where = parts.length == 1 ? "" : " (controller " + (i + 1) + " of " + parts.length + " in '" + text
                    + "')";
            URI feed = feed(parts[i].strip(), where);
            if (feeds.contains(feed)) {
                throw new IllegalArgumentException("--follow names the controller '" + parts[i].strip() + "' twice");
            }
            feeds.add(feed);
        }
        return List.copyOf(feeds);
    }

    /** The feed's URL: the one given when it names a path, else the controller's {@value #FEED_PATH} below it. */
    private static URI feed(String url, String where) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--follow takes the controller's URL, such as"
                        + " http://controller.example:8091, not '" + url + "'" + where);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            return path.isEmpty() || path.equals("/") ? uri.resolve(FEED_PATH) : uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--follow takes the controller's URL, such as http://controller.example:8091,"
                    + " not '" + url + "'" + where + ": " + e.getMessage(), e);
        }
    }

    private static String token(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("the token file " + file + " is empty; put the node token there");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "router";
        }
    }
}
