package org.paasmaker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.store.ApplicationRepository;
import org.paasmaker.api.store.InstanceRepository;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.api.store.Lease;
import org.paasmaker.api.store.LeaseRepository;
import org.paasmaker.api.store.ServiceRepository;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.store.VersionRepository;
import org.paasmaker.api.store.WorkspaceRepository;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.engine.internal.Directories;
import org.paasmaker.engine.lease.LeaseSettings;
import org.paasmaker.engine.lease.LocalLeases;
import org.paasmaker.engine.store.InMemoryStore;

/**
 * Two controllers on one store: the second shows the tree of a job the first runs, names the first
 * when asked for its log, and once the first stops answering (it loses the store and its lease runs
 * out, without closing) ends that job as FAILED in words that say so; the first, back, ends the job
 * it still ran rather than show it running again.
 */
class JobsOfADeadControllerTest {

    private static final LeaseSettings LEASE = new LeaseSettings(Duration.ofSeconds(2));

    @TempDir
    Path temp;

    @Test
    void theOtherControllerShowsTheJobAndEndsItOnceItsControllerStopsAnswering() throws IOException {
        InMemoryStore records = new InMemoryStore();
        LeaseRepository leases = new LocalLeases(Clock.systemUTC());
        Controller first = new Controller(records, leases);
        Controller second = new Controller(records, leases);
        Path release = temp.resolve("release");
        try (EngineFixture a = new EngineFixture(temp.resolve("a"), builder -> builder.store(first).lease(LEASE));
                EngineFixture b = new EngineFixture(temp.resolve("b"), builder -> builder.store(second).lease(LEASE))) {
            assertThat(a.engine().leadership().leads()).isTrue();
            String nameA = a.engine().leadership().holder();
            String nameB = b.engine().leadership().holder();
            JobId job = a.engine().versions().prepare(new PrepareRequest(a.workspace().id(),
                    SourceSpec.directory(slowApp(release)), PrepareRequest.DEFAULT_MANIFEST));
            await().atMost(EngineFixture.JOB_TIMEOUT).until(() -> a.logs(a.engine().jobs().get(job)).contains("waiting"));

            // The second shows the tree from the store; the log it leaves to the first, which it names.
            await().atMost(Duration.ofSeconds(10)).until(() -> b.engine().jobs().get(job).state() == JobState.RUNNING);
            JobView running = b.engine().jobs().get(job);
            JobId step = running.children().stream().filter(each -> each.state() == JobState.RUNNING).findFirst()
                    .orElseThrow().id();
            assertThat(b.engine().jobs().get(step).state()).isEqualTo(JobState.RUNNING);
            assertThatThrownBy(() -> b.engine().jobs().log(step)).isInstanceOfSatisfying(PaasmakerException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                assertThat(e.getMessage()).contains("controller " + nameA).contains(a.engine().home().toString());
            });
            assertThatThrownBy(() -> b.engine().jobs().heldHere(job)).hasMessageContaining("ask " + nameA);
            assertThat(b.engine().leadership().leads()).isFalse();

            // The first loses the store: its leases run out while its job still runs in its memory.
            Instant cut = Instant.now();
            first.down.set(true);

            await().atMost(Duration.ofSeconds(20)).until(() -> b.engine().jobs().get(job).state() == JobState.FAILED);
            JobView ended = b.engine().jobs().get(job);
            assertThat(b.engine().leadership().leads()).isTrue();
            assertThat(ended.summary()).startsWith("controller " + nameA + ", which ran this job, stopped answering"
                    + " (its lease expired at ").endsWith("); ended by controller " + nameB);
            Instant expiry = Instant.parse(ended.summary().replaceAll(".*expired at ([^)]+)\\).*", "$1"));
            assertThat(expiry).isAfter(cut.minus(LEASE.ttl()));
            assertThat(ended.finishedAt()).isPresent();
            ended.walk(each -> assertThat(each.state().finished()).as(each.title()).isTrue());
            assertThat(records.jobs().unfinished()).isEmpty();
            // The first's lease on its own name is free again: the second only took it to look.
            Lease presence = leases.find(org.paasmaker.engine.lease.Leadership.presence(nameA)).orElseThrow();
            assertThat(presence.heldBy(nameB)).isTrue();
            assertThat(presence.expiresAt()).isBeforeOrEqualTo(Instant.now());

            // The first reaches the store again: it learns its lease passed to another, and ends the job it
            // still ran, so that the store never shows it running again.
            first.down.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> a.engine().jobs().get(job).state() == JobState.FAILED);
            assertThat(a.engine().jobs().get(job).summary()).isEqualTo("controller " + nameA + ", which ran this job,"
                    + " could not reach the store for longer than its lease; another controller may have ended it"
                    + " meanwhile: run the same action again");
            await().atMost(Duration.ofSeconds(10)).until(() -> records.jobs().holding(job).orElseThrow().root().summary()
                    .startsWith("controller " + nameA + ", which ran this job, could not reach the store"));
            assertThat(records.jobs().unfinished()).isEmpty();
        } finally {
            Files.writeString(release, "go");
        }
    }

    private Path slowApp(Path release) throws IOException {
        Path app = Files.createDirectories(temp.resolve("slow-python"));
        Directories.copyTree(EngineFixture.sample("hello-python"), app);
        Path manifest = app.resolve("manifest.yml");
        Files.writeString(manifest, Files.readString(manifest).replace("python3 -m py_compile app.py",
                "echo waiting; while [ ! -e " + release + " ]; do sleep 0.05; done"));
        return app;
    }

    /**
     * One controller's way to the shared records and leases; once {@link #down}, its leases and job
     * trees are out of reach, as a database is to a controller cut off from it.
     */
    private static final class Controller implements Store {
        final AtomicBoolean down = new AtomicBoolean();
        private final InMemoryStore records;
        private final LeaseRepository leases;

        Controller(InMemoryStore records, LeaseRepository leases) {
            this.records = records;
            this.leases = leases;
        }

        @Override
        public WorkspaceRepository workspaces() {
            return records.workspaces();
        }

        @Override
        public ApplicationRepository applications() {
            return records.applications();
        }

        @Override
        public VersionRepository versions() {
            return records.versions();
        }

        @Override
        public ServiceRepository services() {
            return records.services();
        }

        @Override
        public InstanceRepository instances() {
            return records.instances();
        }

        @Override
        public JobRepository jobs() {
            return new JobRepository() {
                @Override
                public void save(JobTree tree) {
                    reachable().save(tree);
                }

                @Override
                public Optional<JobTree> holding(JobId job) {
                    return reachable().holding(job);
                }

                @Override
                public List<JobTree> loggedIn(String logs) {
                    return reachable().loggedIn(logs);
                }

                @Override
                public List<JobTree> unfinished() {
                    return reachable().unfinished();
                }

                @Override
                public void delete(JobId root) {
                    reachable().delete(root);
                }

                private JobRepository reachable() {
                    requireUp();
                    return records.jobs();
                }
            };
        }

        @Override
        public Optional<LeaseRepository> leases() {
            return Optional.of(new LeaseRepository() {
                @Override
                public Lease acquire(String name, String holder, Duration ttl) {
                    requireUp();
                    return leases.acquire(name, holder, ttl);
                }

                @Override
                public void release(String name, String holder) {
                    requireUp();
                    leases.release(name, holder);
                }

                @Override
                public Optional<Lease> find(String name) {
                    requireUp();
                    return leases.find(name);
                }
            });
        }

        private void requireUp() {
            if (down.get()) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the store cannot be reached");
            }
        }
    }
}
