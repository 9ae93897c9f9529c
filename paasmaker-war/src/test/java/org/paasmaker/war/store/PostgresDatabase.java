package org.paasmaker.war.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database on the tests' PostgreSQL ({@link SharedPostgres}) and the store's persistence unit on it,
 * its schema migrated first, as the server opens it; {@link #close()} closes the factories it opened.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final List<EntityManagerFactory> factories = new ArrayList<>();

    PostgresDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    JpaStore openStore() {
        return new JpaStore(openFactory());
    }

    EntityManagerFactory openFactory() {
        PGSimpleDataSource dataSource = dataSource();
        SchemaMigrations.migrate(dataSource, url + " (user " + user + ")");
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(JpaStore.PERSISTENCE_UNIT, properties);
        factories.add(factory);
        return factory;
    }

    @Override
    public void close() {
        factories.forEach(EntityManagerFactory::close);
        factories.clear();
    }
}
