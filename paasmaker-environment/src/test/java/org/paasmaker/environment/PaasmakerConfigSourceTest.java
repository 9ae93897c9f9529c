package org.paasmaker.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaasmakerConfigSourceTest {

    @TempDir
    Path temp;

    /**
     * As a MicroProfile Config implementation finds it: by ServiceLoader, reading this process's
     * variables, which the module's pom sets to the concepts page's values (PM_PORT 42600).
     */
    @Test
    void serviceLoaderFindsItAndItOffersTheProcessEnvironment() {
        List<ConfigSource> sources = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get).toList();

        assertThat(sources).singleElement().isInstanceOf(PaasmakerConfigSource.class);
        ConfigSource source = sources.get(0);
        assertThat(source.getName()).isEqualTo("PaasmakerEnvironment (PM_METADATA, PM_SERVICES, PM_PORT)");
        assertThat(source.getOrdinal()).isEqualTo(250);
        assertThat(source.getProperties()).containsExactly(
                entry("paasmaker.application.name", "tornado-advanced"),
                entry("paasmaker.application.id", "5"),
                entry("paasmaker.version.number", "1"),
                entry("paasmaker.version.id", "7"),
                entry("paasmaker.workspace.name", "Test"),
                entry("paasmaker.workspace.stub", "test"),
                entry("paasmaker.workspace.tags.key", "value"),
                entry("paasmaker.node.tags.key", "value"),
                entry("paasmaker.port", "42600"),
                entry("paasmaker.services.foobar-com-mysql.protocol", "mysql"),
                entry("paasmaker.services.foobar-com-mysql.database", "foobarcoc06753a5"),
                entry("paasmaker.services.foobar-com-mysql.username", "foobarcoc06753a5"),
                entry("paasmaker.services.foobar-com-mysql.hostname", "localhost"),
                entry("paasmaker.services.foobar-com-mysql.port", "42801"),
                entry("paasmaker.services.foobar-com-mysql.provider", "paasmaker.service.mysql"),
                entry("paasmaker.services.foobar-com-mysql.jdbc-url", "jdbc:mysql://localhost:42801/foobarcoc06753a5"),
                entry("paasmaker.services.foobar-com-mysql.connection-uri",
                        "mysql://foobarcoc06753a5@localhost:42801/foobarcoc06753a5"));
        assertThat(source.getPropertyNames()).contains("paasmaker.port");
        assertThat(source.getValue("paasmaker.services.foobar-com-mysql.jdbc-url"))
                .isEqualTo("jdbc:mysql://localhost:42801/foobarcoc06753a5");
        assertThat(source.getValue("paasmaker.services.foobar-com-mysql.password")).isNull();
    }

    @Test
    void outsidePaasmakerItOffersNothingRatherThanFailing() {
        PaasmakerConfigSource source = new PaasmakerConfigSource(Map.of("HOME", "/root"), List.of(temp.resolve("none.yml")));

        assertThat(source.getProperties()).isEmpty();
        assertThat(source.getValue("paasmaker.port")).isNull();
        assertThat(source.getName()).isEqualTo("PaasmakerEnvironment (empty: no PM_* variables and no fallback file)");
    }

    @Test
    void aHalfSetOrMalformedEnvironmentStillFails() {
        assertThatThrownBy(() -> new PaasmakerConfigSource(Map.of("PM_METADATA", "{}"), List.of()))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("PM_SERVICES is not set, though PM_METADATA is");
        assertThatThrownBy(() -> new PaasmakerConfigSource(Map.of("PM_METADATA", "{", "PM_SERVICES", "{}"), List.of()))
                .hasMessageStartingWith("PM_METADATA is not valid JSON at character 2");
    }

    @Test
    void offersTheOriginalsFallbackFile() throws Exception {
        Path file = Files.writeString(temp.resolve("paasmaker.yml"), Fixtures.text("original/fallback.yml"));

        PaasmakerConfigSource source = new PaasmakerConfigSource(Map.of(), List.of(file));

        assertThat(source.getName()).isEqualTo("PaasmakerEnvironment (fallback file " + file + ")");
        assertThat(source.getProperties()).containsExactly(
                entry("paasmaker.application.name", "test"),
                entry("paasmaker.version.number", "1"),
                entry("paasmaker.workspace.name", "Test"),
                entry("paasmaker.workspace.stub", "test"),
                entry("paasmaker.port", "9002"),
                entry("paasmaker.services.parameters.foo", "bar"));
    }

    @Test
    void nestedTagsAndParametersAreFlattenedAndDatabaseUrlsAdded() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of(
                "PM_METADATA", """
                        {"application": {"name": "a", "version": 2, "workspace": "W", "workspace_stub": "w"},
                         "node": {"geo": {"region": "eu", "zones": ["a", "b,c"]}, "racks": [{"name": "r1"}, null]},
                         "workspace": {"RAILS_ENV": "production", "off": null, "empty": [], "weight": 1.5}}""",
                "PM_SERVICES", """
                        {"db": {"protocol": "pgsql", "hostname": "h", "port": 5432, "username": "u",
                                "password": "p w", "database": "d", "provider": "paasmaker.service.postgres"},
                         "cache": {"protocol": "redis", "hostname": "h", "port": 6379},
                         "half": {"protocol": "mysql", "hostname": "h"}}"""));

        Map<String, String> properties = new PaasmakerConfigSource(environment).getProperties();

        assertThat(properties).contains(
                entry("paasmaker.node.tags.geo.region", "eu"),
                entry("paasmaker.node.tags.geo.zones", "a,b\\,c"),
                entry("paasmaker.node.tags.racks[0].name", "r1"),
                entry("paasmaker.workspace.tags.RAILS_ENV", "production"),
                entry("paasmaker.workspace.tags.weight", "1.5"),
                entry("paasmaker.services.db.password", "p w"),
                entry("paasmaker.services.db.jdbc-url", "jdbc:postgresql://h:5432/d"),
                entry("paasmaker.services.db.connection-uri", "postgresql://u:p%20w@h:5432/d"),
                entry("paasmaker.services.cache.connection-uri", "redis://h:6379"));
        assertThat(properties).doesNotContainKeys("paasmaker.workspace.tags.off", "paasmaker.workspace.tags.empty",
                "paasmaker.node.tags.racks[1]", "paasmaker.services.cache.jdbc-url", "paasmaker.services.half.jdbc-url",
                "paasmaker.services.half.connection-uri", "paasmaker.port", "paasmaker.application.id");
    }

    @Test
    void theFilesPropertyIsAPathSeparatedList() {
        assertThat(PaasmakerConfigSource.files("")).isEmpty();
        assertThat(PaasmakerConfigSource.files("a.yml: /etc/b.yml ::")).containsExactly(Path.of("a.yml"), Path.of("/etc/b.yml"));
    }
}
