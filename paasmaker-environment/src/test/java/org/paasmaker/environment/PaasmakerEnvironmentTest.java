package org.paasmaker.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The variables exactly as the concepts page shows them (shared/seed/concepts.rst), the original's
 * fallback file exactly as ORIGINAL.md section 8 shows it, and what goes wrong around them.
 */
class PaasmakerEnvironmentTest {

    /**
     * The concepts page's PM_METADATA example has a trailing comma in {@code node}
     * ({@code "key": "value",}), which is not JSON, so the happy path uses it with that comma removed
     * (PM_METADATA-valid.json); the page's own text is the malformed case below.
     */
    private static final String METADATA = Fixtures.text("concepts/PM_METADATA-valid.json");
    private static final String METADATA_AS_ON_THE_PAGE = Fixtures.text("concepts/PM_METADATA.json");
    private static final String SERVICES = Fixtures.text("concepts/PM_SERVICES.json");
    private static final String ORIGINAL_FALLBACK = Fixtures.text("original/fallback.yml");

    @TempDir
    Path temp;

    @Test
    void readsTheConceptsPagesMetadataServicesAndPort() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of(
                "PM_METADATA", METADATA, "PM_SERVICES", SERVICES, "PM_PORT", "42600"));

        assertThat(environment.metadata()).isEqualTo(new Metadata("tornado-advanced", OptionalLong.of(5), 1,
                OptionalLong.of(7), "Test", "test", Map.of("key", "value"), Map.of("key", "value")));
        assertThat(environment.workspaceTag("key")).contains("value");
        assertThat(environment.workspaceTag("RAILS_ENV")).isEmpty();
        assertThat(environment.nodeTag("key")).contains("value");
        assertThat(environment.port()).isEqualTo(OptionalInt.of(42600));
        assertThat(environment.fallbackFile()).isEmpty();
        assertThat(environment.services()).containsOnlyKeys("foobar-com-mysql");
        Service mysql = environment.service("foobar-com-mysql");
        assertThat(mysql.provider()).contains("paasmaker.service.mysql");
        assertThat(mysql.protocol()).contains("mysql");
        assertThat(mysql.hostname()).contains("localhost");
        assertThat(mysql.port()).isEqualTo(OptionalInt.of(42801));
        assertThat(mysql.username()).contains("foobarcoc06753a5");
        assertThat(mysql.password()).isEmpty();
        assertThat(mysql.database()).contains("foobarcoc06753a5");
        assertThat(mysql.parameters().keySet())
                .containsExactly("protocol", "database", "username", "hostname", "port", "provider");
        assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mysql://localhost:42801/foobarcoc06753a5");
        assertThat(mysql.connectionUri()).isEqualTo("mysql://foobarcoc06753a5@localhost:42801/foobarcoc06753a5");
        assertThat(environment.findService("foobar-com-mysql")).contains(mysql);
        assertThat(environment.findService("other")).isEmpty();
    }

    @Test
    void theConceptsPagesMetadataAsPrintedIsRejectedAtItsTrailingComma() {
        Map<String, String> variables = Map.of("PM_METADATA", METADATA_AS_ON_THE_PAGE, "PM_SERVICES", SERVICES);

        assertThatThrownBy(() -> PaasmakerEnvironment.from(variables))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("PM_METADATA is not valid JSON at line 12, column 5: expected '\"' to begin a member name,"
                        + " found '}'");
    }

    @Test
    void aMalformedOneLineVariableIsRejectedAtItsCharacter() {
        Map<String, String> variables = Map.of("PM_METADATA", METADATA, "PM_SERVICES", "{\"db\": {\"port\": 1,}}");

        assertThatThrownBy(() -> PaasmakerEnvironment.from(variables))
                .hasMessage("PM_SERVICES is not valid JSON at character 19: expected '\"' to begin a member name,"
                        + " found '}'");
    }

    @Test
    void servicesOfTheWrongShapeAreNamed() {
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "[]")))
                .hasMessage("PM_SERVICES is a list, expected a JSON object of the services by name");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES",
                "{\"db\": \"postgres://secret@host\"}")))
                .hasMessage("PM_SERVICES: the service 'db' is a string, expected a mapping of its parameters"
                        + " (hostname, port, ...)");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "")))
                .hasMessage("PM_SERVICES is not valid JSON: it is empty; expected a JSON value");
    }

    @Test
    void metadataWithoutItsApplicationOrWithAWrongValueIsNamedByKey() {
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA", "{}", "PM_SERVICES", "{}")))
                .hasMessage("PM_METADATA: 'application' is missing, expected a mapping");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA",
                METADATA.replace("\"version\": 1", "\"version\": \"one\""), "PM_SERVICES", "{}")))
                .hasMessage("PM_METADATA: 'application.version' is a string, expected an integer");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA",
                METADATA.replace("\"name\": \"tornado-advanced\",", ""), "PM_SERVICES", "{}")))
                .hasMessage("PM_METADATA: 'application.name' is missing, expected a text value");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA",
                METADATA.replace("\"node\": {", "\"node\": [{").replace("\"value\"\n    },", "\"value\"\n    }],"),
                "PM_SERVICES", "{}")))
                .hasMessage("PM_METADATA: 'node' is a list, expected a mapping");
    }

    @Test
    void withNeitherVariableNorFileTheErrorNamesBothVariables() {
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("HOME", "/root")))
                .hasMessage("no Paasmaker environment: neither PM_METADATA nor PM_SERVICES is set (Paasmaker sets both"
                        + " for every instance), and no fallback file was given; outside Paasmaker, give fallback files"
                        + " in the original's YAML layout to PaasmakerEnvironment.fromSystem(List)");
    }

    @Test
    void withNeitherVariableNorAnExistingFileTheErrorNamesEveryFileTried() {
        Path first = temp.resolve("paasmaker.yml");
        Path second = temp.resolve("config/paasmaker.yml");

        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(first, second)))
                .hasMessage("no Paasmaker environment: neither PM_METADATA nor PM_SERVICES is set (Paasmaker sets both"
                        + " for every instance), and none of the fallback files exists: " + first + ", " + second);
    }

    @Test
    void withOneVariableAndNoFileTheErrorNamesTheMissingOne() {
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA)))
                .hasMessage("PM_SERVICES is not set, though PM_METADATA is: Paasmaker sets both for every instance"
                        + " (PM_SERVICES to {} when there are no services), and no fallback file was given; outside"
                        + " Paasmaker, give fallback files in the original's YAML layout to"
                        + " PaasmakerEnvironment.fromSystem(List)");
        Path missing = temp.resolve("missing.yml");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of("PM_SERVICES", SERVICES), List.of(missing)))
                .hasMessageStartingWith("PM_METADATA is not set, though PM_SERVICES is")
                .hasMessageEndingWith("none of the fallback files exists: " + missing);
    }

    @Test
    void withOneVariableAndAFileTheFileIsReadAsTheOriginalDid() throws Exception {
        Path file = Files.writeString(temp.resolve("paasmaker.yml"), ORIGINAL_FALLBACK);

        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA), List.of(file));

        assertThat(environment.fallbackFile()).contains(file);
        assertThat(environment.metadata().applicationName()).isEqualTo("test");
    }

    @Test
    void theVariablesWinOverAnExistingFile() throws Exception {
        Path file = Files.writeString(temp.resolve("paasmaker.yml"), ORIGINAL_FALLBACK);

        PaasmakerEnvironment environment = PaasmakerEnvironment.from(
                Map.of("PM_METADATA", METADATA, "PM_SERVICES", SERVICES), List.of(file));

        assertThat(environment.fallbackFile()).isEmpty();
        assertThat(environment.metadata().applicationName()).isEqualTo("tornado-advanced");
    }

    @Test
    void noPortForAStandaloneInstance() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "{}"));

        assertThat(environment.port()).isEmpty();
        assertThat(environment.services()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "65536", "", " 80", "+80", "80.0", "123456"})
    void aPortThatIsNotOneIsAnErrorNamingPmPort(String port) {
        Map<String, String> variables = Map.of("PM_METADATA", METADATA, "PM_SERVICES", SERVICES, "PM_PORT", port);

        assertThatThrownBy(() -> PaasmakerEnvironment.from(variables))
                .hasMessage("PM_PORT is '" + port + "', expected an integer from 1 to 65535");
    }

    @Test
    void theLowestAndHighestPortsAreFine() {
        assertThat(PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "{}", "PM_PORT", "1")).port())
                .isEqualTo(OptionalInt.of(1));
        assertThat(PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "{}", "PM_PORT", "65535"))
                .port()).isEqualTo(OptionalInt.of(65535));
    }

    @Test
    void readsTheOriginalsFallbackFile() throws Exception {
        Path file = Files.writeString(temp.resolve("paasmaker.yml"), ORIGINAL_FALLBACK);

        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of(), List.of(file));

        assertThat(environment.metadata()).isEqualTo(new Metadata("test", OptionalLong.empty(), 1, OptionalLong.empty(),
                "Test", "test", Map.of(), Map.of()));
        assertThat(environment.port()).isEqualTo(OptionalInt.of(9002));
        assertThat(environment.services()).containsOnlyKeys("parameters");
        assertThat(environment.service("parameters").parameters()).isEqualTo(Map.of("foo", "bar"));
        assertThat(environment.service("parameters").provider()).isEmpty();
        assertThat(environment.fallbackFile()).contains(file);
    }

    @Test
    void readsTheFirstFallbackFileThatExistsAndDefaultsItsPortTo9001() throws Exception {
        Path missing = temp.resolve("missing.yml");
        Path second = Files.writeString(temp.resolve("second.yml"), """
                application:
                  name: second
                  version: 2
                  workspace: Local
                  workspace_stub: local
                workspace:
                  RAILS_ENV: development
                """);
        Path third = Files.writeString(temp.resolve("third.yml"), ORIGINAL_FALLBACK);

        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of(), List.of(missing, second, third));

        assertThat(environment.metadata().applicationName()).isEqualTo("second");
        assertThat(environment.port()).isEqualTo(OptionalInt.of(PaasmakerEnvironment.DEFAULT_FILE_PORT)).hasValue(9001);
        assertThat(environment.services()).isEmpty();
        assertThat(environment.metadata().nodeTags()).isEmpty();
        assertThat(environment.workspaceTag("RAILS_ENV")).contains("development");
    }

    @Test
    void aMalformedFallbackFileIsNamedWithItsLineAndColumn() throws Exception {
        Path file = Files.writeString(temp.resolve("broken.yml"), ORIGINAL_FALLBACK.replace(
                "services: {parameters: {foo: bar}}", "services: {parameters: {foo: bar}"));

        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(file)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("fallback file " + file + " is not valid YAML at line 2, column 34: expected ',' or '}',"
                        + " found the end of the line (the collection opened at column 11 must close with '}' on"
                        + " this line)");
    }

    @Test
    void aFallbackFileOfTheWrongShapeIsNamed() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.yml"), "# nothing yet\n");
        Path list = Files.writeString(temp.resolve("list.yml"), "- a\n");
        Path port = Files.writeString(temp.resolve("port.yml"), ORIGINAL_FALLBACK.replace("port: 9002", "port: 70000"));
        Path latin1 = Files.write(temp.resolve("latin1.yml"), "application: {name: caf\u00e9}".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(empty)))
                .hasMessage("fallback file " + empty + " is empty, expected a mapping with application, services,"
                        + " workspace, node and port (the original's fallback layout)");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(list)))
                .hasMessage("fallback file " + list + " is a list, expected a mapping with application, services,"
                        + " workspace, node and port (the original's fallback layout)");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(port)))
                .hasMessage("fallback file " + port + ": 'port' is 70000, expected an integer from 1 to 65535 (or no"
                        + " port, for 9001)");
        assertThatThrownBy(() -> PaasmakerEnvironment.from(Map.of(), List.of(latin1)))
                .hasMessageStartingWith("fallback file " + latin1 + " is not UTF-8 text");
    }

    @Test
    void anUnknownServiceIsAnErrorListingTheServicesThereAre() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES",
                "{\"db\": {}, \"cache\": {}}"));
        PaasmakerEnvironment none = PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", "{}"));

        assertThatThrownBy(() -> environment.service("uploads"))
                .hasMessage("no service named 'uploads' in PM_SERVICES; the services are: db, cache");
        assertThatThrownBy(() -> none.service("uploads"))
                .hasMessage("no service named 'uploads' in PM_SERVICES; there are no services: does the manifest's"
                        + " services section name it?");
    }

    @Test
    void aTagThatIsNotTextIsReadFromTheMetadata() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of("PM_METADATA",
                METADATA.replace("\"key\": \"value\"\n    }\n}", "\"geo\": {\"region\": \"eu\"}, \"weight\": 3\n    }\n}"),
                "PM_SERVICES", "{}"));

        assertThat(environment.metadata().workspaceTags()).isEqualTo(Map.of("geo", Map.of("region", "eu"), "weight", 3L));
        assertThat(environment.workspaceTag("weight")).contains("3");
        assertThatThrownBy(() -> environment.workspaceTag("geo"))
                .hasMessage("the workspace tag 'geo' is a mapping, expected a text value");
    }

    @Test
    void itsValuesCannotBeChanged() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.from(Map.of("PM_METADATA", METADATA, "PM_SERVICES", SERVICES));

        assertThatThrownBy(() -> environment.services().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> environment.metadata().nodeTags().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> environment.service("foobar-com-mysql").parameters().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(environment.toString()).isEqualTo("PaasmakerEnvironment[application tornado-advanced, version 1,"
                + " workspace test, port none, services [foobar-com-mysql], from PM_*]");
    }

    /** The build sets PM_* for this module's tests (see its pom), as Paasmaker would for an instance. */
    @Test
    void fromSystemReadsTheProcessEnvironment() {
        PaasmakerEnvironment environment = PaasmakerEnvironment.fromSystem(List.of(temp.resolve("unused.yml")));

        assertThat(environment.metadata().applicationName()).isEqualTo("tornado-advanced");
        assertThat(environment.port()).isEqualTo(OptionalInt.of(42600));
        assertThat(PaasmakerEnvironment.fromSystem().services()).containsOnlyKeys("foobar-com-mysql");
    }
}
