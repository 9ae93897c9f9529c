package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {

    private static final Pattern NUMBERED_LINE = Pattern.compile("line (\\d{8})\\n");

    @TempDir
    Path directory;

    private DetachedProcesses processes;
    private Path file;
    private RotatingLog log;

    @BeforeEach
    void startFixture() {
        processes = new DetachedProcesses(directory);
        file = directory.resolve("instance.log");
        log = new RotatingLog(file);
    }

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void aFileNoLargerThanTheLimitIsLeftAlone() throws IOException {
        Files.writeString(file, "12345");

        assertThat(log.rotateIfLarger(5, 3)).isFalse();
        assertThat(file).hasContent("12345");
        assertThat(log.rotated(1)).doesNotExist();
    }

    @Test
    void aMissingFileIsNotRotated() {
        assertThat(log.rotateIfLarger(0, 3)).isFalse();
    }

    @Test
    void rotationCopiesTheContentToDotOneAndEmptiesTheFileInPlace() throws IOException {
        Files.writeString(file, "first\nsecond\n");
        Object inode = Files.getAttribute(file, "unix:ino");

        assertThat(log.rotateIfLarger(5, 3)).isTrue();

        assertThat(log.rotated(1)).hasContent("first\nsecond\n");
        assertThat(file).isEmptyFile();
        assertThat(Files.getAttribute(file, "unix:ino")).as("the very file the writer holds").isEqualTo(inode);
    }

    @Test
    void olderCopiesShiftAndOnlyKeepOfThemRemain() throws IOException {
        for (String content : List.of("a\n", "b\n", "c\n", "d\n")) {
            Files.writeString(file, content);
            log.rotateIfLarger(0, 2);
        }

        assertThat(log.rotated(1)).hasContent("d\n");
        assertThat(log.rotated(2)).hasContent("c\n");
        assertThat(log.rotated(3)).doesNotExist();
    }

    @Test
    void tailIsTheLastLines() throws IOException {
        Files.writeString(file, "one\ntwo\nthree\n");

        assertThat(log.tail(2)).isEqualTo("two\nthree\n");
        assertThat(log.tail(10)).isEqualTo("one\ntwo\nthree\n");
        assertThat(log.tail(0)).isEmpty();
    }

    @Test
    void aLastLineWithoutNewlineCountsAsALine() throws IOException {
        Files.writeString(file, "one\ntwo\nthree, still being written");

        assertThat(log.tail(2)).isEqualTo("two\nthree, still being written");
    }

    @Test
    void tailGoesOnIntoTheRotatedCopiesWhenTheFileHoldsFewerLines() throws IOException {
        Files.writeString(log.rotated(2), "1\n2\n");
        Files.writeString(log.rotated(1), "3\n4\n");
        Files.writeString(file, "5\n");

        assertThat(log.tail(4)).isEqualTo("2\n3\n4\n5\n");
    }

    @Test
    void aLineThatARotationSplitReadsWhole() throws IOException {
        Files.writeString(log.rotated(1), "1\n2\nhal");
        Files.writeString(file, "f\n");

        assertThat(log.tail(2)).isEqualTo("2\nhalf\n");
    }

    @Test
    void tailOfAHugeFileReadsOnlyItsEnd() throws IOException {
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(64L << 30); // 64 GiB of hole: no heap could hold it whole
        }
        Files.writeString(file, "\nthe last line\n", StandardOpenOption.APPEND);

        assertThat(log.tail(1)).isEqualTo("the last line\n");
    }

    @Test
    void aLineLongerThanTheReadLimitIsCutAtItsStart() throws IOException {
        Files.writeString(file, "x".repeat(3 * RotatingLog.MAX_TAIL_BYTES) + "\n");

        assertThat(log.tail(1)).hasSize(RotatingLog.MAX_TAIL_BYTES).endsWith("xx\n");
    }

    @Test
    void aDetachedWriterKeepsWritingAtTheNewEndThroughEveryRotation() throws IOException {
        long maxBytes = 8 * 1024;
        int keep = 3;
        LaunchedProcess writer = processes.launch(new LaunchSpec(List.of("python3", "-c", """
                import itertools, time
                for i in itertools.count():
                    print(f"line {i:08d}", flush=True)
                    time.sleep(0.001)
                """), directory, DetachedProcesses.ENVIRONMENT, file));

        for (int rotation = 0; rotation < keep + 3; rotation++) {
            await().until(() -> Files.size(file) > maxBytes);
            assertThat(log.rotateIfLarger(maxBytes, keep)).isTrue();
        }
        long lastRotated = lastNumber(log.rotated(1));
        await().until(() -> lastNumber(file) > lastRotated);

        assertThat(writer.identity().isAlive()).as("the writer survives").isTrue();
        assertThat(log.rotated(keep + 1)).doesNotExist();
        long previous = -1;
        for (int n = keep; n >= 0; n--) {
            String content = Files.readString(log.rotated(n), StandardCharsets.UTF_8);
            assertThat(content).as("a hole where a writer without O_APPEND would have written").doesNotContain("\0");
            assertThat(Files.size(log.rotated(n))).as("copy %d", n).isLessThan(8 * maxBytes);
            long first = firstNumber(log.rotated(n));
            assertThat(first).as("copy %d continues the one before", n).isGreaterThan(previous);
            previous = lastNumber(log.rotated(n));
        }
        assertThat(log.tail(3)).matches("(line \\d{8}\n){3}");
    }

    private static long firstNumber(Path file) throws IOException {
        Matcher line = NUMBERED_LINE.matcher(Files.readString(file));
        return line.find() ? Long.parseLong(line.group(1)) : -1;
    }

    private static long lastNumber(Path file) throws IOException {
        Matcher line = NUMBERED_LINE.matcher(Files.readString(file));
        long last = -1;
        while (line.find()) {
            last = Long.parseLong(line.group(1));
        }
        return last;
    }
}
