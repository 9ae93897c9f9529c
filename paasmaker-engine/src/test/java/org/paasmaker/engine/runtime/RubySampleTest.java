package org.paasmaker.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.internal.Directories;

/** The Sinatra sample, prepared with bundle install under Debian's Ruby, started and asked over HTTP. */
class RubySampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final EngineFixture fixture = EngineFixture.perTest();

    @Test
    void theSinatraSampleRunsOnTheChosenRubyAndSeesItsEnvironment() throws Exception {
        JobView prepared = fixture.prepare(SourceSpec.directory(sampleForThisRuby()));
        assertThat(prepared.state()).as(fixture.logs(prepared)).isEqualTo(JobState.SUCCESS);
        assertThat(fixture.logs(prepared)).contains("bundle install --local").contains("Using sinatra");
        VersionId id = new VersionId(Long.parseLong(prepared.tags().get("version_id")));

        int port = fixture.startOne(id);
        JsonNode body = JSON.readTree(EngineFixture.get(port, "/"));
        assertThat(body.get("message").asText()).isEqualTo("Hello from hello-sinatra");
        assertThat(body.get("ruby").asText()).isEqualTo(rubyVersion());
        assertThat(body.get("port").asText()).isEqualTo(String.valueOf(port));
        assertThat(body.get("metadata").get("application").get("name").asText()).isEqualTo("hello-sinatra");
        assertThat(body.get("metadata").get("workspace").get("RAILS_ENV").asText()).isEqualTo("test");
        assertThat(body.get("services").get("settings").get("colour").asText()).isEqualTo("red");
        assertThat(body.get("services").get("settings").get("provider").asText())
                .isEqualTo("paasmaker.service.parameters");
    }

    @Test
    void aFailingBundleInstallFailsThePrepareWithBundlersOwnWords() throws Exception {
        Path app = sampleForThisRuby();
        Files.writeString(app.resolve("Gemfile"), "source \"https://rubygems.org\"\ngem \"no-such-gem-for-paasmaker\"\n");

        JobView prepared = fixture.prepare(SourceSpec.directory(app));

        assertThat(prepared.state()).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(prepared)).contains("Could not find gem 'no-such-gem-for-paasmaker'");
    }

    /**
     * The sample asks for Ruby 3.1, Debian bookworm's; on a machine with another Ruby the copy asks for
     * the major.minor it has, so the runtime's choice stays real.
     */
    private Path sampleForThisRuby() throws Exception {
        Path copy = Files.createDirectories(fixture.temp().resolve("hello-sinatra"));
        Directories.copyTree(EngineFixture.sample("hello-sinatra"), copy);
        Path manifest = copy.resolve("manifest.yml");
        String line = rubyVersion().replaceFirst("^(\\d+\\.\\d+)\\..*$", "$1");
        Files.writeString(manifest, Files.readString(manifest).replace("version: \"3.1\"", "version: \"" + line + "\""));
        return copy;
    }

    private static String rubyVersion() throws Exception {
        Process ruby = new ProcessBuilder("ruby", "-e", "print RUBY_VERSION").redirectErrorStream(true).start();
        String version = new String(ruby.getInputStream().readAllBytes()).strip();
        assertThat(ruby.waitFor()).as(version).isZero();
        return version;
    }
}
