package org.paasmaker.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.cron.CronExpression;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.plugin.BuiltinPlugins;
import org.paasmaker.api.plugin.PluginCatalog;
import org.paasmaker.api.plugin.PluginParameters;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader(BuiltinPlugins.catalog());

    private Manifest corpus(String name) {
        return reader.read(ManifestCorpusTest.corpus("valid").resolve(name));
    }

    @Test
    void fillsInTheOriginalsDefaults() {
        Manifest manifest = corpus("minimal.yml");

        assertThat(manifest.format()).isEqualTo(1);
        assertThat(manifest.services()).isEmpty();
        ApplicationSpec application = manifest.application();
        assertThat(application.tags()).isEqualTo(PluginParameters.empty());
        assertThat(application.prepareRuntime()).isEmpty();
        assertThat(application.prepareCommands()).isEmpty();
        assertThat(application.releaseRuntime()).isEmpty();
        assertThat(application.releaseCommands()).isEmpty();
        assertThat(application.hasRelease()).isFalse();
        InstanceTypeSpec web = manifest.instanceType("web").orElseThrow();
        assertThat(web.quantity()).isEqualTo(1);
        assertThat(web.placement()).isEqualTo(PluginSpec.of("paasmaker.placement.default", PluginParameters.empty()));
        assertThat(web.startup()).isEmpty();
        assertThat(web.hostnames()).isEmpty();
        assertThat(web.crons()).isEmpty();
        assertThat(web.standalone()).isFalse();
        assertThat(web.exclusive()).isFalse();
    }

    @Test
    void fillsInTheDeclaredDefaultsOfPluginParameters() {
        RuntimeSpec runtime = corpus("minimal.yml").instanceType("web").orElseThrow().runtime();

        assertThat(runtime.parameters().asMap()).containsExactly(
                Map.entry("launch_command", "./hello --port=%(port)d"),
                Map.entry("start_timeout", 20L),
                Map.entry("standalone_wait", 5L));
    }

    @Test
    void readsTheReleaseStepAsThePreparePhaseIsRead() {
        ApplicationSpec application = corpus("release.yml").application();

        assertThat(application.hasRelease()).isTrue();
        assertThat(application.releaseRuntime()).hasValueSatisfying(runtime -> {
            assertThat(runtime.plugin()).isEqualTo("paasmaker.runtime.shell");
            assertThat(runtime.version()).isEqualTo("1");
        });
        assertThat(application.releaseCommands()).singleElement().satisfies(command -> {
            assertThat(command.plugin()).isEqualTo("paasmaker.prepare.shell");
            assertThat(command.parameters().stringList("commands")).containsExactly("/usr/bin/python3 migrate.py");
        });
        assertThat(application.prepareRuntime()).isEmpty();
        assertThat(application.prepareCommands()).isEmpty();
    }

    @Test
    void readsTheOriginalsTornadoSample() {
        Manifest manifest = corpus("tornado-simple.yml");

        InstanceTypeSpec web = manifest.instanceType("web").orElseThrow();
        assertThat(web.runtime().plugin()).isEqualTo("paasmaker.runtime.shell");
        assertThat(web.runtime().version()).isEqualTo("1");
        assertThat(web.runtime().parameters().string("launch_command")).isEqualTo("python app.py --port=%(port)d");
        assertThat(web.startup()).singleElement().satisfies(startup -> {
            assertThat(startup.plugin()).isEqualTo("paasmaker.startup.shell");
            assertThat(startup.parameters().stringList("commands")).containsExactly("echo \"startup\" > startup.txt");
        });
        assertThat(web.hostnames()).containsExactly("tornado-simple.local.paasmaker.net");
        assertThat(web.crons()).containsExactly(
                new CronSpec(CronExpression.parse("* * * * *"), "/environ", Optional.empty(), Optional.empty()),
                new CronSpec(CronExpression.parse("*/5 * * * *"), "/environ?secure=true",
                        Optional.of("test"), Optional.of("test")));
        assertThat(manifest.application().tagMap()).containsExactly(Map.entry("tag", "value"));
        assertThat(manifest.application().prepareRuntime()).hasValueSatisfying(runtime ->
                assertThat(runtime.version()).isEqualTo("1"));
        assertThat(manifest.services()).containsExactly(new ServiceSpec("variables", "paasmaker.service.parameters",
                PluginParameters.of(Map.of("one", "two"))));
    }

    @Test
    void coercesValuesAsTheOriginalDid() {
        Manifest manifest = corpus("coercions.yml");

        assertThat(manifest.format()).isEqualTo(1);
        assertThat(manifest.application().name()).isEqualTo("1234");
        InstanceTypeSpec web = manifest.instanceType("web").orElseThrow();
        assertThat(web.quantity()).isEqualTo(3);
        assertThat(web.runtime().parameters().integer("start_timeout")).isEqualTo(30);
        assertThat(web.standalone()).isFalse();
        assertThat(web.exclusive()).isFalse();
        assertThat(web.crons()).singleElement().satisfies(cron -> {
            assertThat(cron.username()).hasValue("42");
            assertThat(cron.password()).hasValue("1234");
        });
        InstanceTypeSpec api = manifest.instanceType("api").orElseThrow();
        assertThat(api.quantity()).isZero();
        assertThat(api.runtime().version()).isEqualTo("17");
        assertThat(api.standalone()).isTrue();
        assertThat(api.exclusive()).isTrue();
    }

    @Test
    void keepsAVersionAsWrittenWhereTheOriginalMadeItANumber() {
        // The original's str(5.10) gave "5.1"; the text as written is the version the user meant.
        RuntimeSpec runtime = corpus("coercions.yml").instanceType("web").orElseThrow().runtime();

        assertThat(runtime.version()).isEqualTo("5.10");
    }

    @Test
    void keepsHostnamesLowercased() {
        assertThat(corpus("coercions.yml").instanceType("web").orElseThrow().hostnames())
                .containsExactly("www.example.com");
        assertThat(corpus("wildcard-routes.yml").instanceType("web").orElseThrow().hostnames())
                .containsExactly("*.example.com", "*.example.org", "*");
    }

    @Test
    void keepsTagsAndOpenParametersWithTheirYamlTypes() {
        Manifest manifest = corpus("web-and-worker.yml");

        assertThat(manifest.application().tagMap()).containsExactly(
                Map.entry("team", "payments"), Map.entry("replicas", 3L),
                Map.entry("beta", true), Map.entry("ratio", 0.5));
        assertThat(manifest.service("settings").orElseThrow().parameters().asMap()).containsExactly(
                Map.entry("payment_gateway", "https://pay.example.com"), Map.entry("retries", 3L),
                Map.entry("sandbox", false));
        assertThat(manifest.service("uploads").orElseThrow().plugin()).isEqualTo("paasmaker.service.filesystem");
    }

    @Test
    void readsStandaloneExclusiveTypesAndNamedStartupCommands() {
        Manifest manifest = corpus("web-and-worker.yml");

        InstanceTypeSpec worker = manifest.instanceType("worker").orElseThrow();
        assertThat(worker.standalone()).isTrue();
        assertThat(worker.exclusive()).isTrue();
        assertThat(worker.runtime().parameters().integer("standalone_wait")).isEqualTo(10);
        InstanceTypeSpec web = manifest.instanceType("web").orElseThrow();
        assertThat(web.startup()).singleElement().satisfies(startup -> assertThat(startup.name()).hasValue("migrate"));
        assertThat(web.placement().parameters().asMap()).isEqualTo(Map.of("tags", Map.of("zone", "west")));
        assertThat(web.crons()).extracting(CronSpec::runspec)
                .containsExactly(CronExpression.parse("@daily"), CronExpression.parse("30 2 * * mon-fri"));
    }

    @Test
    void followsAliasesAndMergeKeys() {
        Manifest manifest = corpus("aliases.yml");

        InstanceTypeSpec admin = manifest.instanceType("admin").orElseThrow();
        assertThat(admin.runtime().plugin()).isEqualTo("paasmaker.runtime.shell");
        assertThat(admin.runtime().parameters().string("launch_command")).isEqualTo("./serve --admin --port=%(port)d");
        assertThat(admin.startup()).isEqualTo(manifest.instanceType("web").orElseThrow().startup());
    }

    @Test
    void keepsTheTextAsWritten() throws IOException {
        Path file = ManifestCorpusTest.corpus("valid").resolve("web-and-worker.yml");

        assertThat(reader.read(file).text()).isEqualTo(Files.readString(file));
    }

    @Test
    void readsTheSameFromAFileAStreamAndAString() throws IOException {
        Path file = ManifestCorpusTest.corpus("valid").resolve("web-and-worker.yml");
        String text = Files.readString(file);

        Manifest fromFile = reader.read(file);
        Manifest fromStream = reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "upload");
        Manifest fromString = reader.read(text, "manifest.yml");

        assertThat(fromStream).isEqualTo(fromFile);
        assertThat(fromString).isEqualTo(fromFile);
    }

    @Test
    void checksPluginsAgainstTheCatalogItIsGiven() {
        PluginCatalog withoutStatic = role -> BuiltinPlugins.catalog().plugins(role).stream()
                .filter(plugin -> !plugin.name().equals("paasmaker.runtime.static"))
                .toList();
        Path manifest = ManifestCorpusTest.corpus("valid").resolve("documentation-site.yml");

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> new ManifestReader(withoutStatic).read(manifest));

        assertThat(failure.errors()).containsExactly(new FieldError("instances[0].runtime.plugin",
                "the runtime 'paasmaker.runtime.static' is not available on this platform; it offers: "
                        + "paasmaker.runtime.java, paasmaker.runtime.node, paasmaker.runtime.node.nvm, "
                        + "paasmaker.runtime.php, paasmaker.runtime.python, paasmaker.runtime.ruby, "
                        + "paasmaker.runtime.ruby.rbenv, "
                        + "paasmaker.runtime.shell", 22));
    }

    @Test
    void needsAPlacementWhereTheCatalogHasNoDefaultOne() {
        PluginCatalog withoutPlacement = role -> BuiltinPlugins.catalog().plugins(role).stream()
                .filter(plugin -> !plugin.name().equals("paasmaker.placement.default"))
                .toList();
        Path manifest = ManifestCorpusTest.corpus("valid").resolve("minimal.yml");

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> new ManifestReader(withoutPlacement).read(manifest));

        assertThat(failure.errors()).containsExactly(new FieldError("instances[0].placement",
                "is required: the placement 'paasmaker.placement.default' is not available on this platform;"
                        + " it offers: none", 6));
    }

    @Test
    void reportsEveryErrorInTheExceptionMessage() {
        String text = String.join("\n", "manifest: {format: 2}", "application: {name: x}", "instances: []");

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text, "manifest.yml"));

        assertThat(failure.errors()).containsExactly(
                new FieldError("manifest.format", "only format 1 is supported, not 2", 1));
        assertThat(failure.getMessage()).contains("manifest.yml", "manifest.format: only format 1 is supported");
    }

    @Test
    void reportsErrorsSortedByLineThenPath() {
        String text = String.join("\n",
                "services: [{name: a, plugin: nope}]",
                "zzz: 1",
                "manifest: {format: 1, extra: 2}",
                "application: {}");

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text, "manifest.yml"));

        assertThat(failure.errors()).extracting(FieldError::line, FieldError::path).containsExactly(
                tuple(1, "instances"),
                tuple(1, "services[0].plugin"),
                tuple(2, "zzz"),
                tuple(3, "manifest.extra"),
                tuple(4, "application.name"));
    }

    @Test
    void readsTheHostnamesRedirectedToHttps() {
        String text = String.join("\n",
                "manifest: {format: 1}",
                "application:",
                "  name: hello",
                "  redirect_https: [WWW.example.com, web.hello.dev.example.com]",
                "instances:",
                "  - name: web",
                "    runtime: {plugin: paasmaker.runtime.shell, version: '1', parameters: {launch_command: ./run}}",
                "    hostnames: [www.example.com]");

        assertThat(reader.read(text, "manifest.yml").application().redirectHttps())
                .containsExactly("www.example.com", "web.hello.dev.example.com");
        assertThat(corpus("release.yml").application().redirectHttps()).isEmpty();
    }

    @Test
    void refusesARedirectForAHostnameTheApplicationDoesNotHave() {
        String text = String.join("\n",
                "manifest: {format: 1}",
                "application:",
                "  name: hello",
                "  redirect_https:",
                "    - www.example.com",
                "    - other.example.com",
                "instances:",
                "  - name: web",
                "    runtime: {plugin: paasmaker.runtime.shell, version: '1', parameters: {launch_command: ./run}}",
                "    hostnames: [www.example.com]");

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text, "manifest.yml"));

        assertThat(failure.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("application.redirect_https[1]");
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.message()).contains("'other.example.com' is none of the application's hostnames",
                    "www.example.com", "web.hello.<workspace stub>.<cluster hostname>");
        });
    }
}
