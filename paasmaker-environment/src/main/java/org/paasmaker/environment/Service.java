package org.paasmaker.environment;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One service of the application, as {@code PM_SERVICES} gives it: its name and every parameter.
 *
 * <p>Parameters differ by provider: a database gives {@code hostname}, {@code port}, {@code username},
 * {@code password}, {@code database} and a {@code protocol} ({@code pgsql}, {@code mysql} or
 * {@code redis}, as the original named them); a filesystem service a {@code directory}; a parameters
 * service whatever its manifest says. The typed getters read the common ones; {@link #string(String)}
 * reads any other.
 *
 * @param name       the service's name, unique within the application
 * @param parameters every parameter in the variable's order, {@code provider} and {@code protocol}
 *                   included; values are strings, numbers, booleans, nulls, lists and maps
 */
public record Service(String name, Map<String, Object> parameters) {

    /** PostgreSQL's protocol name in {@code PM_SERVICES}. */
    public static final String PGSQL = "pgsql";
    /** MySQL's protocol name in {@code PM_SERVICES}. */
    public static final String MYSQL = "mysql";
    /** Redis's protocol name in {@code PM_SERVICES}. */
    public static final String REDIS = "redis";

    public Service {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a service's name must not be blank");
        }
        parameters = Values.copyOf(Objects.requireNonNull(parameters, "parameters"));
    }

    /** The plugin that made the service, such as {@code paasmaker.service.mysql}. */
    public Optional<String> provider() {
        return string("provider");
    }

    /** How to talk to the service, such as {@code pgsql}; only network services have one. */
    public Optional<String> protocol() {
        return string("protocol");
    }

    public Optional<String> hostname() {
        return string("hostname");
    }

    /**
     * @throws EnvironmentException when the port is not an integer from 1 to 65535
     */
    public OptionalInt port() {
        Object value = parameters.get("port");
        if (value == null) {
            return OptionalInt.empty();
        }
        Long number = value instanceof Long given ? given
                : value instanceof String text && text.matches("[0-9]{1,5}") ? Long.valueOf(text) : null;
        if (number != null && number >= 1 && number <= 65535) {
            return OptionalInt.of(number.intValue());
        }
        String shown = Values.isScalar(value) ? "'" + value + "'" : Values.kind(value);
        throw new EnvironmentException("service '" + name + "': its port is " + shown
                + ", expected an integer from 1 to 65535");
    }

    public Optional<String> username() {
        return string("username");
    }

    public Optional<String> password() {
        return string("password");
    }

    public Optional<String> database() {
        return string("database");
    }

    /**
     * Any parameter as text: a string as it is, a number or boolean as JSON writes it.
     *
     * @throws EnvironmentException when the parameter is a map or a list
     */
    public Optional<String> string(String key) {
        return Values.text(parameters.get(key), () -> "service '" + name + "': its parameter '" + key + "'");
    }

    /**
     * The JDBC URL of a {@code pgsql} or {@code mysql} service, without the credentials: give
     * {@link #username()} and {@link #password()} to the driver or the pool beside it.
     *
     * <ul>
     *   <li>{@code pgsql}: {@code jdbc:postgresql://host:port/database}, for the PostgreSQL JDBC driver
     *       ({@code org.postgresql:postgresql}).</li>
     *   <li>{@code mysql}: {@code jdbc:mysql://host:port/database}, for MySQL Connector/J
     *       ({@code com.mysql:mysql-connector-j}). MariaDB Connector/J 3 takes this scheme only with
     *       {@code permitMysqlScheme} in the URL; with that driver, use {@code jdbc:mariadb:} instead.</li>
     * </ul>
     * The database name is percent-encoded, as both drivers decode it; an IPv6 host is bracketed.
     *
     * @throws EnvironmentException for a {@code redis} service (no JDBC driver speaks it), a service
     *                              without a database protocol, or one that lacks its hostname, port
     *                              or database
     */
    public String jdbcUrl() {
        return ConnectionUrls.jdbcUrl(this);
    }

    /**
     * The URI of a {@code pgsql}, {@code mysql} or {@code redis} service with its credentials, as
     * libpq, the MySQL clients and the Redis clients read one: {@code postgresql://user:pass@host:port/db},
     * {@code mysql://user:pass@host:port/db}, {@code redis://:pass@host:port} (or
     * {@code redis://host:port} without a password). The user and password are percent-encoded.
     *
     * @throws EnvironmentException for a service without one of those protocols, or one that lacks its
     *                              hostname or port (or, but for redis, its database)
     */
    public String connectionUri() {
        return ConnectionUrls.connectionUri(this);
    }

    /** Every parameter but the password, which shows as {@code ****}: a service ends up in logs. */
    @Override
    public String toString() {
        return "Service[" + name + ", " + parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + (entry.getKey().equals("password") ? "****" : entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}")) + "]";
    }
}
