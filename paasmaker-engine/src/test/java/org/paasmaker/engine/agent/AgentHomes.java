package org.paasmaker.engine.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/** Clean-up after a test: every process an agent recorded in its home, instances and log writers, ends. */
final class AgentHomes {

    private AgentHomes() {
    }

    static void stopEverything(Path home) {
        for (String kind : new String[] {"processes", "log-writers"}) {
            Path directory = home.resolve(kind);
            if (Files.isDirectory(directory)) {
                ProcessRecords records = new ProcessRecords(directory, warning -> { });
                for (ProcessRecord record : records.load()) {
                    new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
                    records.delete(record.key());
                }
            }
        }
    }
}
