package org.paasmaker.war.engine;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.paasmaker.war.store.DatabaseFailures;
import org.paasmaker.war.store.JpaStore;
import org.paasmaker.war.store.SchemaMigrations;

/**
 * The platform's database: the data source {@code jdbc/paasmaker} of {@code server.xml}, on the URL
 * {@code PAASMAKER_DATABASE_URL} (PostgreSQL) or else the embedded Derby under {@code $PAASMAKER_HOME/derby},
 * and the store's persistence unit on it. Its schema is migrated before the unit is first handed out;
 * when the database cannot be reached, each use tries again, so the platform answers once it is back.
 */
@ApplicationScoped
public class PlatformDatabase {

    @PersistenceUnit(unitName = JpaStore.PERSISTENCE_UNIT)
    EntityManagerFactory factory;

    @Resource(lookup = "jdbc/paasmaker")
    DataSource dataSource;

    /** The URL server.xml resolved for the data source, so that errors name the database it uses. */
    @Resource(lookup = "paasmaker/database-url")
    String url;

    /** Empty unless PAASMAKER_DATABASE_USER is set, and Liberty binds no empty entry. */
    private final String user = lookup("paasmaker/database-user");

    private volatile boolean migrated;

    /** The store's persistence unit, on a database at this release's schema. */
    public EntityManagerFactory factory() {
        if (!migrated) {
            migrate();
        }
        return factory;
    }

    /**
     * Whether other controllers can open this database too: PostgreSQL, or a Derby network server; not
     * the embedded Derby, which one process at a time boots.
     */
    public boolean shareable() {
        return !(url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://"));
    }

    /** The database's URL (without parameters, which may hold a password) and user; never the password. */
    public String where() {
        String shown = DatabaseFailures.withoutParameters(url);
        return user.isBlank() ? shown : shown + " (user " + user + ")";
    }

    private static String lookup(String name) {
        try {
            return (String) new InitialContext().lookup(name);
        } catch (NamingException e) {
            return "";
        }
    }

    private synchronized void migrate() {
        if (!migrated) {
            SchemaMigrations.migrate(dataSource, where());
            migrated = true;
        }
    }
}
