package org.paasmaker.war.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The database's own time, which every controller sharing it reads alike: leases expire by it, so
 * that controllers whose clocks differ agree on who holds one.
 */
final class DatabaseClock {

    private DatabaseClock() {
    }

    /** A row constructor both Derby (which has no SELECT without FROM) and PostgreSQL run. */
    private static final String NOW = "VALUES (CURRENT_TIMESTAMP)";

    static Instant now(EntityManager manager) {
        Connection connection = manager.unwrap(Connection.class);
        try (Statement statement = connection.createStatement(); ResultSet answer = statement.executeQuery(NOW)) {
            answer.next();
            return answer.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new PersistenceException("cannot read the database's time: " + e.getMessage(), e);
        }
    }
}
