package org.paasmaker.environment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the JDBC URL and the connection URI of a database service from its credentials. */
final class ConnectionUrls {

    /** The database protocols of the original, with the schemes their clients read. */
    private enum Protocol {
        PGSQL(Service.PGSQL, "postgresql"),
        MYSQL(Service.MYSQL, "mysql"),
        REDIS(Service.REDIS, "redis");

        private final String wire;
        private final String scheme;

        Protocol(String wire, String scheme) {
            this.wire = wire;
            this.scheme = scheme;
        }

        static Optional<Protocol> fromWire(String wire) {
            for (Protocol protocol : values()) {
                if (protocol.wire.equals(wire)) {
                    return Optional.of(protocol);
                }
            }
            return Optional.empty();
        }
    }

    private ConnectionUrls() {
    }

    static String jdbcUrl(Service service) {
        Protocol protocol = protocol(service, "JDBC URL");
        if (protocol == Protocol.REDIS) {
            throw new EnvironmentException("service '" + service.name() + "' is a redis service, which has no JDBC"
                    + " URL (no JDBC driver speaks redis); use its connectionUri() with a Redis client");
        }
        requireAll(service, "JDBC URL", true);
        return "jdbc:" + protocol.scheme + "://" + hostAndPort(service) + "/" + encode(service.database().orElseThrow());
    }

    static String connectionUri(Service service) {
        Protocol protocol = protocol(service, "connection URI");
        requireAll(service, "connection URI", protocol != Protocol.REDIS);
        StringBuilder uri = new StringBuilder(protocol.scheme).append("://");
        Optional<String> username = service.username();
        Optional<String> password = service.password();
        if (username.isPresent() || password.isPresent()) {
            username.ifPresent(user -> uri.append(encode(user)));
            password.ifPresent(secret -> uri.append(':').append(encode(secret)));
            uri.append('@');
        }
        uri.append(hostAndPort(service));
        service.database().ifPresent(database -> uri.append('/').append(encode(database)));
        return uri.toString();
    }

    private static Protocol protocol(Service service, String what) {
        String name = service.protocol().orElseThrow(() -> new EnvironmentException("service '" + service.name()
                + "' has no protocol, so it has no " + what + "; only the pgsql, mysql and redis"
                + " services have one"));
        return Protocol.fromWire(name).orElseThrow(() -> new EnvironmentException("service '" + service.name()
                + "' has the protocol '" + name + "', which has no " + what
                + " here; only pgsql, mysql and redis do"));
    }

    private static void requireAll(Service service, String what, boolean database) {
        List<String> missing = new ArrayList<>();
        if (service.hostname().isEmpty()) {
            missing.add("hostname");
        }
        if (service.port().isEmpty()) {
            missing.add("port");
        }
        if (database && service.database().isEmpty()) {
            missing.add("database");
        }
        if (!missing.isEmpty()) {
            throw new EnvironmentException("service '" + service.name() + "' has no " + String.join(" and no ", missing)
                    + ", which a " + what + " needs");
        }
    }

    private static String hostAndPort(Service service) {
        String host = service.hostname().orElseThrow();
        boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (ipv6 ? "[" + host + "]" : host) + ":" + service.port().getAsInt();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, over UTF-8. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
