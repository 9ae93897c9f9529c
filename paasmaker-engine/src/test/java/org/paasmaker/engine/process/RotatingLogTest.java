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
import org.paasmaker.api.node.Node;

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

    @Test
    void followingStartsAfterTheLastWholeLineAndReadsOnFromThere() throws IOException {
        Files.writeString(file, "one\ntwo\nthr");

        Node.LogLines start = log.lastLines(2);
        assertThat(start).isEqualTo(new Node.LogLines("one\ntwo\n", 8));

        Files.writeString(file, "ee\nfour\n", StandardOpenOption.APPEND);
        Node.LogLines next = log.linesAfter(start.next(), 1024);
        assertThat(next).isEqualTo(new Node.LogLines("three\nfour\n", Files.size(file)));
        assertThat(log.linesAfter(next.next(), 1024)).isEqualTo(new Node.LogLines("", next.next()));
    }

    @Test
    void theLastLinesOfAJustRotatedFileComeFromItsCopy() throws IOException {
        Files.writeString(log.rotated(1), "3\n4\n");
        Files.writeString(file, "5\n6");

        assertThat(log.lastLines(2)).isEqualTo(new Node.LogLines("4\n5\n", 2));
        assertThat(log.lastLines(0)).isEqualTo(new Node.LogLines("", 2));
    }

    @Test
    void aMissingFileReadsAsEmpty() {
        assertThat(log.lastLines(10)).isEqualTo(new Node.LogLines("", 0));
        assertThat(log.linesAfter(0, 1024)).isEqualTo(new Node.LogLines("", 0));
    }

    @Test
    void afterARotationTheFollowerGetsTheRestOfTheCopyThenTheNewContentFromItsStart() throws IOException {
        Files.writeString(file, "a\nb\n");
        long offset = log.linesAfter(0, 1024).next();
        Files.writeString(file, "c\nhal", StandardOpenOption.APPEND);

        assertThat(log.rotateIfLarger(0, 2)).isTrue();
        Files.writeString(file, "f\n", StandardOpenOption.APPEND);

        assertThat(log.linesAfter(offset, 1024)).isEqualTo(new Node.LogLines("c\nhalf\n", 2));
    }

    @Test
    void aDetachedWritersLinesAreFollowedThroughRotationsInOrder() throws IOException {
        long maxBytes = 8 * 1024;
        processes.launch(new LaunchSpec(List.of("python3", "-c", """
                import itertools, time
                for i in itertools.count():
                    print(f"line {i:08d}", flush=True)
                    time.sleep(0.001)
                """), directory, DetachedProcesses.ENVIRONMENT, file));
        StringBuilder followed = new StringBuilder();
        long[] offset = {log.lastLines(0).next()};
        int rotations = 0;

        while (rotations < 3) {
            await().until(() -> Files.size(file) > maxBytes / 2);
            Node.LogLines lines = log.linesAfter(offset[0], 1 << 20);
            followed.append(lines.text());
            offset[0] = lines.next();
            await().until(() -> Files.size(file) > maxBytes);
            if (log.rotateIfLarger(maxBytes, 3)) {
                rotations++;
            }
        }
        await().until(() -> Files.size(file) > 100);
        followed.append(log.linesAfter(offset[0], 1 << 20).text());

        Matcher line = NUMBERED_LINE.matcher(followed);
        long previous = -1;
        int count = 0;
        int at = 0;
        while (line.find()) {
            assertThat(line.start()).as("nothing but whole lines").isEqualTo(at);
            long number = Long.parseLong(line.group(1));
            assertThat(number).as("in order, none twice").isGreaterThan(previous);
            previous = number;
            at = line.end();
            count++;
        }
        assertThat(at).isEqualTo(followed.length());
        assertThat(count).as("lines across %d rotations", rotations).isGreaterThan(3 * 200);
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
