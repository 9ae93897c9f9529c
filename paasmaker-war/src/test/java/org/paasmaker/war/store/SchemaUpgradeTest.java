package org.paasmaker.war.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.access.Grant;
import org.paasmaker.api.access.User;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.workspace.Workspace;

/**
 * A server of this release started on the database of the previous one, whose tables EclipseLink made
 * and which has no migration history. The database is a real one of that release, checked in as
 * {@code store/derby-before-migrations.zip}: made by the store at the commit before migrations (6a9fbe7)
 * with a workspace, an application, a version, an instance, a service, a user with a grant and a key,
 * and an audit entry. A copy made by today's code could not show what the old code left behind (its
 * column types and defaults, its system-named keys), which is what the baseline must accept.
 */
class SchemaUpgradeTest {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @AfterEach
    void shutDown() {
        if (derby != null) {
            derby.close();
        }
    }

    @Test
    void thePreviousReleasesDatabaseIsBaselinedMigratedAndKeepsItsRecords() throws Exception {
        unzip("store/derby-before-migrations.zip", directory);
        derby = new EmbeddedDerby(directory);

        JpaStore store = derby.openStore();
        JpaAccessStore access = new JpaAccessStore(derby.openFactory(), Clock.systemUTC());

        assertThat(history()).containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL");
        Workspace prod = store.workspaces().findByStub("prod").orElseThrow();
        assertThat(prod.tagMap()).containsEntry("TIER", "prod");
        Application shop = store.applications().list(prod.id()).get(0);
        assertThat(shop.name()).isEqualTo("shop");
        ApplicationVersion first = store.versions().list(shop.id()).get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.manifestText()).isEqualTo("manifest:\n  format: 1\n");
        assertThat(first.source()).isEqualTo(SourceSpec.of("paasmaker.scm.directory", Map.of("location", "/src/shop")));
        Instance web = store.instances().list(first.id()).get(0);
        assertThat(web.node()).isEqualTo("node-1");
        assertThat(store.services().findByName(shop.id(), "db")).isPresent();
        User ann = access.users().findByName("ann").orElseThrow();
        assertThat(access.grants().list(ann.id())).containsExactly(Grant.in(ann.id(), "Deployer", prod.id()));
        assertThat(access.keys().findByHash("hash-1")).isPresent();
        assertThat(access.audit().newest(10)).extracting(e -> e.action()).containsExactly("POST /api/v1/workspaces");

        // The kept rows take updates (their revision column came with a default) and new rows follow them.
        store.instances().update(new Instance(web.id(), web.versionId(), web.instanceType(), web.node(),
                InstanceState.RUNNING, web.port(), "started", web.createdAt(), java.util.Optional.of(Instant.EPOCH), 0,
                web.revision()));
        assertThat(store.instances().get(web.id()).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(revision("PM_INSTANCE")).isEqualTo(1);
        assertThat(store.versions().create(shop.id(), first.source(), "manifest.yml", "t", Instant.EPOCH).number())
                .isEqualTo(2);
    }

    @Test
    void aMigratedDatabaseIsLeftAsItIsByTheNextStart() throws Exception {
        derby = new EmbeddedDerby(directory);
        derby.openStore().workspaces().list();
        derby.close();

        derby.openStore().workspaces().list();

        assertThat(history()).containsExactly("1 SQL", "2 SQL", "3 SQL", "4 SQL");
    }

    @Test
    void aDatabaseANewerReleaseMigratedStopsTheStartNamingTheScript() throws Exception {
        derby = new EmbeddedDerby(directory);
        derby.openStore().workspaces().list();
        derby.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 1, 'APP', 1, TRUE)");
        derby.close();

        assertThatThrownBy(derby::openStore)
                .isInstanceOfSatisfying(PaasmakerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageStartingWith("could not bring the platform's database at jdbc:derby:")
                .hasMessageContaining("applied migration not resolved locally: 99");
    }

    @Test
    void theFirstScriptMakesExactlyTheTablesEclipseLinkMade() throws Exception {
        Path before = directory.resolve("before");
        unzip("store/derby-before-migrations.zip", before);
        Path fresh = directory.resolve("fresh");
        Flyway.configure(getClass().getClassLoader())
                .dataSource("jdbc:derby:" + fresh.resolve("db") + ";create=true", null, null)
                .locations(SchemaMigrations.LOCATION + "derby").target("1").load().migrate();

        String made = describe(before.resolve("db"));
        assertThat(made).contains("PM_INSTANCE.RESTARTS INTEGER(10) null=YES").contains("index PM_INST_ID unique INSTANCE_ID");
        assertThat(describe(fresh.resolve("db"))).isEqualTo(made);
        for (Path database : List.of(before, fresh)) {
            try {
                DriverManager.getConnection("jdbc:derby:" + database.resolve("db") + ";shutdown=true");
            } catch (java.sql.SQLException e) {
                // 08006: shut down, as asked.
            }
        }
    }

    /** The store's tables as JDBC describes them: columns, primary keys and indexes (not their system names). */
    private static String describe(Path database) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + database)) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(null, "APP", "PM_%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            Collections.sort(tables);
            for (String table : tables) {
                try (ResultSet rows = meta.getColumns(null, "APP", table, null)) {
                    while (rows.next()) {
                        out.append(table).append('.').append(rows.getString("COLUMN_NAME")).append(' ')
                                .append(rows.getString("TYPE_NAME")).append('(').append(rows.getInt("COLUMN_SIZE"))
                                .append(") null=").append(rows.getString("IS_NULLABLE"))
                                .append(" default=").append(rows.getString("COLUMN_DEF"))
                                .append(" auto=").append(rows.getString("IS_AUTOINCREMENT")).append('\n');
                    }
                }
                try (ResultSet rows = meta.getPrimaryKeys(null, "APP", table)) {
                    while (rows.next()) {
                        out.append(table).append(" key ").append(rows.getString("COLUMN_NAME")).append('\n');
                    }
                }
                List<String> indexes = new ArrayList<>();
                try (ResultSet rows = meta.getIndexInfo(null, "APP", table, false, false)) {
                    while (rows.next()) {
                        String name = rows.getString("INDEX_NAME");
                        if (!name.startsWith("SQL")) {
                            indexes.add(table + " index " + name + (rows.getBoolean("NON_UNIQUE") ? " " : " unique ")
                                    + rows.getString("COLUMN_NAME") + " " + rows.getShort("ORDINAL_POSITION"));
                        }
                    }
                }
                Collections.sort(indexes);
                indexes.forEach(index -> out.append(index).append('\n'));
            }
        }
        return out.toString();
    }

    private List<String> history() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + directory.resolve("db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT \"version\", \"type\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2));
            }
        }
        return rows;
    }

    private long revision(String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + directory.resolve("db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT MAX(REVISION) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void unzip(String resource, Path target) throws IOException {
        try (InputStream in = SchemaUpgradeTest.class.getClassLoader().getResourceAsStream(resource);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(zip, file);
                }
            }
        }
    }
}
