package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.node.Node;

/** {@link RotatingLog} over the directory that svlogd writes, by hand and with a real svlogd. */
class RotatingLogSvlogdTest {

    private static final Pattern NUMBERED_LINE = Pattern.compile("line (\\d{8})\\n");

    @TempDir
    Path directory;

    private DetachedProcesses processes;
    private CappedLog capped;
    private RotatingLog log;
    private LogWriters writers;

    @BeforeEach
    void startFixture() {
        processes = new DetachedProcesses(directory);
        capped = new CappedLog(directory.resolve("log"));
        log = capped.reader();
        writers = new LogWriters(new ProcessRecords(directory.resolve("writers"), warning -> { }), Clock.systemUTC());
    }

    @AfterEach
    void stopEverything() {
        try {
            writers.stop("writer");
        } finally {
            processes.close();
        }
    }

    @Test
    void theTailGoesBackThroughTheCopiesInTheOrderOfTheirNames() throws IOException {
        Files.createDirectories(capped.directory());
        Files.writeString(capped.directory().resolve("@400000006b1489cf1e8656b4.s"), "1\n2\n");
        Files.writeString(capped.directory().resolve("@400000006b1489cf1fbc65b4.u"), "3\n4\n");
        Files.writeString(capped.directory().resolve("config"), "s4096\nn2\n");
        Files.writeString(capped.directory().resolve(CappedLog.CURRENT), "5\n6\n");

        assertThat(log.tail(5)).isEqualTo("2\n3\n4\n5\n6\n");
        assertThat(log.lastLines(3)).isEqualTo(new Node.LogLines("4\n5\n6\n", 4));
    }

    @Test
    void afterSvlogdRenamedTheFileTheFollowerGetsTheRestOfTheNewestCopyThenTheNewFile() throws IOException {
        Path current = capped.directory().resolve(CappedLog.CURRENT);
        Files.createDirectories(capped.directory());
        Files.writeString(current, "a\nb\n");
        long offset = log.linesAfter(0, 1024).next();
        Files.writeString(current, "c\n", StandardOpenOption.APPEND);

        Files.move(current, capped.directory().resolve("@400000006b1489cf1e8656b4.s"));
        assertThat(log.linesAfter(offset, 1024)).isEqualTo(new Node.LogLines("c\n", 0));
        Files.writeString(current, "d\n");

        assertThat(log.linesAfter(0, 1024)).isEqualTo(new Node.LogLines("d\n", 2));
    }

    @Test
    void aMissingDirectoryReadsAsEmpty() {
        assertThat(log.lastLines(10)).isEqualTo(new Node.LogLines("", 0));
        assertThat(log.linesAfter(0, 1024)).isEqualTo(new Node.LogLines("", 0));
        assertThat(log.tail(10)).isEmpty();
    }

    @Test
    void aWritersLinesAreFollowedThroughSvlogdsRotationsInOrderAndTheLogStaysCapped() throws IOException {
        LogLimit limit = new LogLimit(16 * 1024, 2);
        capped.prepare(limit);
        writers.ensureRunning("writer", capped);
        processes.launch(new LaunchSpec(List.of("python3", "-c", """
                import itertools, time
                for i in itertools.count():
                    print(f"line {i:08d}", flush=True)
                    time.sleep(0.0005)
                """), directory, DetachedProcesses.ENVIRONMENT, capped.pipe()));
        StringBuilder followed = new StringBuilder();
        long[] offset = {0};

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Node.LogLines lines = log.linesAfter(offset[0], 1 << 20);
            followed.append(lines.text());
            offset[0] = lines.next();
            return copies() >= 2 && followed.length() > 3 * limit.maxBytes();
        });

        Matcher line = NUMBERED_LINE.matcher(followed);
        long previous = -1;
        int at = 0;
        while (line.find()) {
            assertThat(line.start()).as("nothing but whole lines").isEqualTo(at);
            long number = Long.parseLong(line.group(1));
            assertThat(number).as("in order, none twice").isEqualTo(previous + 1);
            previous = number;
            at = line.end();
        }
        assertThat(at).isEqualTo(followed.length());
        assertThat(capped.bytesHeld()).isLessThanOrEqualTo(limit.maxBytes() * (limit.kept() + 1));
        assertThat(copies()).isLessThanOrEqualTo(limit.kept());
    }

    private long copies() throws IOException {
        try (Stream<Path> files = Files.list(capped.directory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("@")).count();
        }
    }
}
