package org.paasmaker.war.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Brings the store's tables to this release's schema, once at start, before any store uses them: the
 * SQL scripts under {@code db/migration/<derby|postgresql>} that the database has not run yet, in
 * order, recorded in Flyway's history table. A database made before migrations existed (its tables
 * made by EclipseLink, no history) is taken to be at version 1, which is exactly those tables, and
 * gets the later scripts only.
 */
public final class SchemaMigrations {

    /** Where the scripts are; one folder per database, since their types differ (CLOB and TEXT, say). */
    static final String LOCATION = "classpath:db/migration/";

    private SchemaMigrations() {
    }

    /**
     * Runs the scripts the database lacks. {@code where} names the database in errors (its URL and user,
     * never a password). A database that cannot be reached is {@link ErrorCode#UNAVAILABLE}; one whose
     * history has scripts this release does not know (a newer release ran on it) or a script that
     * fails is {@link ErrorCode#INTERNAL}, with the database's own message.
     */
    public static MigrateResult migrate(DataSource dataSource, String where) {
        String vendor = vendor(dataSource, where);
        try {
            return Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION + vendor)
                    // Liberty's class loader lists no folders: Flyway finds one by a file in it (flyway.location,
                    // in each script folder and in its default callback folder db/callback), and a folder it
                    // cannot find must stop the start rather than skip the scripts.
                    .failOnMissingLocations(true)
                    // Flyway would ignore scripts a newer release ran; this release's rows may not fit its tables.
                    .ignoreMigrationPatterns(new String[0])
                    .baselineOnMigrate(true)
                    .baselineVersion("1")
                    .baselineDescription("tables made by EclipseLink before migrations")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "could not bring the platform's database at " + where
                    + " to this release's schema: " + e.getMessage(), e);
        }
    }

    private static String vendor(DataSource dataSource, String where) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw DatabaseFailures.unreachable(where, e);
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("derby")) {
            return "derby";
        }
        if (name.contains("postgresql")) {
            return "postgresql";
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the platform's database at " + where + " is "
                + product + "; the platform keeps its records in PostgreSQL (PAASMAKER_DATABASE_URL) or its embedded"
                + " Derby only");
    }
}
