package org.paasmaker.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The JDBC URLs and connection URIs of the original's database services, and the typed getters. */
class ServiceTest {

    @Test
    void aPostgresServiceHasBothWithItsCredentialsInTheUri() {
        Service db = service("db", "protocol", "pgsql", "hostname", "127.0.0.1", "port", 42601L,
                "username", "app", "password", "s3cret", "database", "app_db");

        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:42601/app_db");
        assertThat(db.connectionUri()).isEqualTo("postgresql://app:s3cret@127.0.0.1:42601/app_db");
    }

    @Test
    void aMysqlServiceHasBoth() {
        Service db = service("db", "protocol", "mysql", "hostname", "db.example", "port", 3306L,
                "username", "app", "password", "pw", "database", "shop");

        assertThat(db.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3306/shop");
        assertThat(db.connectionUri()).isEqualTo("mysql://app:pw@db.example:3306/shop");
    }

    @Test
    void aRedisServiceHasAUriWithOrWithoutAPasswordAndNoJdbcUrl() {
        Service secured = service("cache", "protocol", "redis", "hostname", "127.0.0.1", "port", 6379L, "password", "s3cret");
        Service open = service("cache", "protocol", "redis", "hostname", "127.0.0.1", "port", 6379L);

        assertThat(secured.connectionUri()).isEqualTo("redis://:s3cret@127.0.0.1:6379");
        assertThat(open.connectionUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThatThrownBy(secured::jdbcUrl)
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("service 'cache' is a redis service, which has no JDBC URL (no JDBC driver speaks redis);"
                        + " use its connectionUri() with a Redis client");
    }

    @Test
    void theUserPasswordAndDatabaseArePercentEncodedAndAnIpv6HostBracketed() {
        Service db = service("db", "protocol", "pgsql", "hostname", "::1", "port", "5432",
                "username", "app user", "password", "p@ss:w/rd%é#?+", "database", "my db");
        Service cache = service("cache", "protocol", "redis", "hostname", "cache", "port", 6379L, "password", "a b@c");

        assertThat(db.connectionUri()).isEqualTo("postgresql://app%20user:p%40ss%3Aw%2Frd%25%C3%A9%23%3F%2B@[::1]:5432/my%20db");
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/my%20db");
        assertThat(cache.connectionUri()).isEqualTo("redis://:a%20b%40c@cache:6379");
    }

    @Test
    void aServiceMissingAPartSaysWhichParts() {
        Service noDatabase = service("db", "protocol", "mysql", "hostname", "h", "port", 3306L);
        Service noHost = service("cache", "protocol", "redis");

        assertThatThrownBy(noDatabase::jdbcUrl).hasMessage("service 'db' has no database, which a JDBC URL needs");
        assertThatThrownBy(noDatabase::connectionUri).hasMessage("service 'db' has no database, which a connection URI needs");
        assertThatThrownBy(noHost::connectionUri)
                .hasMessage("service 'cache' has no hostname and no port, which a connection URI needs");
    }

    @Test
    void aServiceWithoutADatabaseProtocolHasNeither() {
        Service uploads = service("uploads", "directory", "/srv/uploads", "provider", "paasmaker.service.filesystem");
        Service mongo = service("docs", "protocol", "mongodb", "hostname", "h", "port", 27017L);

        assertThatThrownBy(uploads::jdbcUrl).hasMessage("service 'uploads' has no protocol, so it has no JDBC URL; only"
                + " the pgsql, mysql and redis services have one");
        assertThatThrownBy(uploads::connectionUri).hasMessageContaining("so it has no connection URI");
        assertThatThrownBy(mongo::connectionUri).hasMessage("service 'docs' has the protocol 'mongodb', which has no"
                + " connection URI here; only pgsql, mysql and redis do");
    }

    @Test
    void aPortMayBeANumberOrDigitsAndNothingElse() {
        assertThat(service("a", "port", 80L).port()).isEqualTo(OptionalInt.of(80));
        assertThat(service("a", "port", "8080").port()).isEqualTo(OptionalInt.of(8080));
        assertThat(service("a").port()).isEmpty();
        assertThatThrownBy(() -> service("a", "port", 70000L).port())
                .hasMessage("service 'a': its port is '70000', expected an integer from 1 to 65535");
        assertThatThrownBy(() -> service("a", "port", "http").port())
                .hasMessage("service 'a': its port is 'http', expected an integer from 1 to 65535");
        assertThatThrownBy(() -> service("a", "port", Map.of()).port())
                .hasMessage("service 'a': its port is a mapping, expected an integer from 1 to 65535");
    }

    @Test
    void anyParameterReadsAsTextButACollectionDoesNot() {
        Service service = service("s", "text", "Hello", "count", 3L, "on", true, "nested", Map.of("a", 1L), "nothing", null);

        assertThat(service.string("text")).contains("Hello");
        assertThat(service.string("count")).contains("3");
        assertThat(service.string("on")).contains("true");
        assertThat(service.string("nothing")).isEmpty();
        assertThat(service.string("absent")).isEmpty();
        assertThatThrownBy(() -> service.string("nested"))
                .hasMessage("service 's': its parameter 'nested' is a mapping, expected a text value");
    }

    @Test
    void itsTextHidesThePassword() {
        Service db = service("db", "username", "app", "password", "s3cret");

        assertThat(db.toString()).isEqualTo("Service[db, {username=app, password=****}]").doesNotContain("s3cret");
    }

    private static Service service(String name, Object... keysAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Service(name, parameters);
    }
}
