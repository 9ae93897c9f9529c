package org.paasmaker.engine.retention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.access.UserId;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.engine.EngineFixture;

/**
 * A small web application deployed again and again: each version a Python HTTP server with a payload
 * of its own (so each has a package of its own), prepared and started, or deployed by the fixture.
 */
final class Deploys {

    static final String MANIFEST = """
            manifest: {format: 1}
            application: {name: keeper}
            instances:
              - name: web
                runtime:
                  plugin: paasmaker.runtime.shell
                  version: 1
                  parameters: {launch_command: "python3 -m http.server %(port)d --bind 127.0.0.1"}
                hostnames: [keeper.localhost]
            """;
    static final int PAYLOAD_BYTES = 64 * 1024;

    private final EngineFixture fixture;

    Deploys(EngineFixture fixture) {
        this.fixture = fixture;
    }

    /** An application folder whose payload says {@code content} (and is otherwise random-looking, so it packs to its size). */
    Path write(String name, String content) throws IOException {
        StringBuilder payload = new StringBuilder();
        java.util.Random random = new java.util.Random(content.hashCode());
        while (payload.length() < PAYLOAD_BYTES) {
            payload.append(Long.toString(random.nextLong(), 36));
        }
        return EngineFixture.writeApp(fixture.temp().resolve(name), Map.of("manifest.yml", MANIFEST,
                "payload.txt", content + "\n" + payload));
    }

    /** Prepares and starts a version of the folder. */
    VersionId prepareAndStart(Path app) {
        VersionId version = fixture.prepareFolder(app).id();
        fixture.succeed(fixture.engine().versions().start(version));
        return version;
    }

    void stop(VersionId version) {
        fixture.succeed(fixture.engine().versions().stop(version));
    }

    /** Runs retention now, after the jobs queued before it (the retention a make-current queued, say). */
    JobView retain(VersionId anyVersion) {
        ApplicationVersion version = fixture.engine().versions().get(anyVersion);
        // Asked for by a user, as making a version current asks for it; the job is the platform's all the same.
        Actor ann = new Actor("ann", Optional.of(new UserId(2)));
        return fixture.succeed(
                fixture.engine().as(ann, () -> fixture.engine().versions().retain(version.applicationId())));
    }
}
