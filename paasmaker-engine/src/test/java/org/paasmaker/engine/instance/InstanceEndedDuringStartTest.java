package org.paasmaker.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.engine.EngineFixture;
import org.paasmaker.engine.process.ProcessRecords;
import org.paasmaker.engine.store.HookedStore;
import org.paasmaker.engine.store.InMemoryStore;

/**
 * A start writes its instance's record several times, and another writer can end the instance between
 * two of them: the node watch marks DOWN the instances of a node that stopped reporting, whatever their
 * state. The start then fails and the instance stays ended, rather than coming back to life.
 */
class InstanceEndedDuringStartTest {

    @TempDir
    Path temp;

    private final InMemoryStore records = new InMemoryStore();
    private final AtomicBoolean armed = new AtomicBoolean();
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            try {
                fixture.stopEverything();
            } finally {
                fixture.close();
            }
        }
    }

    @Test
    void anInstanceEndedWhileItWasRegisteredStaysEndedAndItsStartFailsSayingSo() {
        HookedStore.Hooks nodeWatch = new HookedStore.Hooks() {
            @Override
            public void instanceCreated(Instance created) {
                if (armed.getAndSet(false)) {
                    records.instances().update(created.withState(InstanceState.DOWN,
                            "its node 'local' stopped reporting"));
                }
            }
        };
        fixture = new EngineFixture(temp.resolve("home"), builder -> builder.store(new HookedStore(records, nodeWatch)));
        VersionId version = fixture.prepareSample("hello-python").id();

        armed.set(true);
        JobView started = fixture.engine().jobs().await(fixture.engine().versions().start(version),
                EngineFixture.JOB_TIMEOUT);

        assertThat(armed).as("the instance was created").isFalse();
        assertThat(started.state()).as(fixture.logs(started)).isEqualTo(JobState.FAILED);
        assertThat(fixture.logs(started)).contains("became DOWN while it was registered (its node 'local' stopped"
                + " reporting); it is not counted as started");
        assertThat(fixture.engine().versions().instances(version)).singleElement()
                .satisfies(ended -> assertThat(ended.state()).isEqualTo(InstanceState.ERROR));
        assertThat(fixture.engine().versions().get(version).state()).isNotEqualTo(VersionState.RUNNING);
        assertThat(new ProcessRecords(fixture.engine().home().resolve("processes"), warning -> { }).adoptable())
                .as("no process started for it").isEmpty();
    }
}
