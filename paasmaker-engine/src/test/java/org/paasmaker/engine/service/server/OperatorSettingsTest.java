package org.paasmaker.engine.service.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.Directories;

/** The operator's file beside a server's directory: read as each server's syntax names settings. */
class OperatorSettingsTest {

    private Path services;
    private Path directory;

    @BeforeEach
    void makeFolder() throws Exception {
        services = Files.createTempDirectory("paasmaker-operator-settings-");
        directory = services.resolve("mysql");
    }

    @AfterEach
    void deleteFolder() throws Exception {
        Directories.deleteTree(services);
    }

    @Test
    void theFileIsBesideTheServersDirectoryAndNoFileAddsNothing() {
        assertThat(OperatorSettings.file(directory)).isEqualTo(services.resolve("mysql.conf"));
        assertThat(OperatorSettings.appended(directory, ServerKind.MARIADB, OperatorSettings.Syntax.MARIADB,
                Set.of("port"))).isEmpty();
    }

    @Test
    void theSettingsAreAppendedUnderACommentNamingTheFileWithoutItsCommentsAndBlankLines() throws Exception {
        Files.writeString(services.resolve("mysql.conf"), "# ours\n; also a comment\n\n  innodb_buffer_pool_size = 32M\n"
                + "skip-log-bin\nport_open_timeout=5\n");

        assertThat(OperatorSettings.appended(directory, ServerKind.MARIADB, OperatorSettings.Syntax.MARIADB,
                Set.of("port", "networking", "grant_tables")))
                .isEqualTo("# The operator's settings, from " + services.resolve("mysql.conf") + ", after the platform's"
                        + " so that they win\ninnodb_buffer_pool_size = 32M\nskip-log-bin\nport_open_timeout=5\n");
    }

    @Test
    void aMariadbSettingIsKnownUnderItsPrefixesAndEitherSpelling() throws Exception {
        Set<String> pinned = Set.of("networking", "grant_tables", "bind_address");
        for (String line : new String[] {"skip-networking", "loose-skip-grant-tables", "loose_skip_grant_tables = 1",
                "bind-address=0.0.0.0", "BIND_ADDRESS = ::"}) {
            Files.writeString(services.resolve("mysql.conf"), line + "\n");
            assertThatThrownBy(() -> OperatorSettings.appended(directory, ServerKind.MARIADB,
                    OperatorSettings.Syntax.MARIADB, pinned)).as(line)
                    .isInstanceOfSatisfying(PaasmakerException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.START_FAILED))
                    .hasMessageContaining(", line 1, sets '" + line.split("[\\s=]", 2)[0] + "'")
                    .hasMessageContaining("bind_address, grant_tables, networking are the platform's");
        }
    }

    @Test
    void aMariadbSectionOrIncludeIsRefusedSinceTheLinesGoUnderThePlatformsSection() throws Exception {
        for (String line : new String[] {"[client]", "!include /etc/mysql/my.cnf", "!includedir /etc/mysql"}) {
            Files.writeString(services.resolve("mysql.conf"), "max_connections = 60\n" + line + "\n");
            assertThatThrownBy(() -> OperatorSettings.appended(directory, ServerKind.MARIADB,
                    OperatorSettings.Syntax.MARIADB, Set.of("port"))).as(line)
                    .hasMessageContaining(", line 2, is '" + line + "'; the file's lines go under the platform's"
                            + " [mariadbd] section");
        }
    }

    @Test
    void postgresAndRedisNamesAreTheFirstWordAndPostgresIgnoresCase() throws Exception {
        Path postgres = services.resolve("postgres");
        Files.writeString(services.resolve("postgres.conf"), "work_mem 8MB\nPORT=5433\n");
        assertThatThrownBy(() -> OperatorSettings.appended(postgres, ServerKind.POSTGRES,
                OperatorSettings.Syntax.POSTGRES, Set.of("port")))
                .hasMessageContaining(services.resolve("postgres.conf") + ", line 2, sets 'PORT'");

        Path redis = services.resolve("redis");
        Files.writeString(services.resolve("redis.conf"), "maxmemory 64mb\nport-not-a-setting 1\n");
        assertThat(OperatorSettings.appended(redis, ServerKind.REDIS, OperatorSettings.Syntax.REDIS, Set.of("port")))
                .endsWith("\nmaxmemory 64mb\nport-not-a-setting 1\n");
        Files.writeString(services.resolve("redis.conf"), "port 7000\n");
        assertThatThrownBy(() -> OperatorSettings.appended(redis, ServerKind.REDIS, OperatorSettings.Syntax.REDIS,
                Set.of("port"))).hasMessageContaining(", line 1, sets 'port'");
    }
}
