package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLogTest {

    private static final JobLogLimit LIMIT = new JobLogLimit(64 * 1024);
    private static final Pattern LINE = Pattern.compile("line (\\d+) .*");
    private static final Pattern MARKER = Pattern.compile("\\[\\.\\.\\. (\\d+) bytes left out here: .*");

    @TempDir
    Path directory;

    @Test
    void aLogThatFitsIsEverythingWritten() throws Exception {
        JobLog log = new JobLog(Files.createFile(directory.resolve("a.log")), LIMIT, true);
        write(log, "first\nsecond – ü\n");

        assertThat(log.text()).isEqualTo("first\nsecond – ü\n");
        assertThat(log.length()).isEqualTo("first\nsecond – ü\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(log.read(6, 100, true)).isEqualTo(new LogText("second – ü\n", log.length()));
    }

    @Test
    void aLogThatOutgrowsItsLimitKeepsItsBeginningAMarkerAndItsNewestLines() throws Exception {
        Path file = Files.createFile(directory.resolve("b.log"));
        JobLog log = new JobLog(file, LIMIT, true);
        long written = 0;
        for (int i = 1; i <= 20_000; i++) {
            written += write(log, line(i));
            assertThat(Files.size(file)).isLessThanOrEqualTo(LIMIT.maxBytes());
        }

        List<String> lines = log.text().lines().toList();
        assertThat(log.length()).isEqualTo(written);
        assertThat(lines.get(0)).isEqualTo(line(1).strip());
        assertThat(lines.get(lines.size() - 1)).isEqualTo(line(20_000).strip());
        assertThat(lines).filteredOn(l -> MARKER.matcher(l).matches()).hasSize(1);
        assertThat(numbers(lines)).as("whole lines, in order, with one gap").isSorted().doesNotHaveDuplicates();
        assertThat(Files.size(file)).isGreaterThan(LIMIT.maxBytes() / 4);
        int leftOut = Integer.parseInt(marker(lines));
        assertThat(Files.size(file) - markerLine(lines).length() - 1 + leftOut).isEqualTo(written);
    }

    @Test
    void aFollowerReadsOnByOffsetAndIsToldWhatItMissed() throws Exception {
        JobLog log = new JobLog(Files.createFile(directory.resolve("c.log")), LIMIT, true);
        for (int i = 1; i <= 300; i++) {
            write(log, line(i));
        }
        // A follower that read the first 300 lines, then fell behind.
        long at = log.length();
        for (int i = 301; i <= 5_000; i++) {
            write(log, line(i));
        }

        StringBuilder followed = new StringBuilder();
        long last = at;
        for (LogText read = log.read(at, 1 << 20, true); !read.text().isEmpty(); read = log.read(at, 1 << 20, true)) {
            assertThat(read.next()).isGreaterThan(last);
            last = read.next();
            followed.append(read.text());
            at = read.next();
        }

        List<String> lines = followed.toString().lines().toList();
        assertThat(lines.get(0)).matches(MARKER);
        assertThat(lines.get(lines.size() - 1)).isEqualTo(line(5_000).strip());
        assertThat(numbers(lines)).isSorted();
        long missed = Long.parseLong(marker(lines));
        int firstKept = numbers(lines).get(0);
        assertThat(missed).as("what lies between the follower's offset and the first line kept")
                .isEqualTo(bytes(301, firstKept - 1));
        assertThat(at).isEqualTo(log.length());
    }

    @Test
    void aReaderFromTheStartReadsTheBeginningTheMarkerAndTheNewest() throws Exception {
        JobLog log = new JobLog(Files.createFile(directory.resolve("d.log")), LIMIT, true);
        for (int i = 1; i <= 5_000; i++) {
            write(log, line(i));
        }

        assertThat(readAll(log, 0)).isEqualTo(log.text());
    }

    @Test
    void aLaterEngineFindsTheCutInTheFileAlone() throws Exception {
        Path file = Files.createFile(directory.resolve("e.log"));
        JobLog log = new JobLog(file, LIMIT, true);
        for (int i = 1; i <= 5_000; i++) {
            write(log, line(i));
        }
        long middle = log.length() - 1000;

        JobLog later = new JobLog(file, LIMIT, false);

        assertThat(later.length()).isEqualTo(log.length());
        assertThat(later.read(middle, 1 << 20, false)).isEqualTo(log.read(middle, 1 << 20, false));
        assertThat(later.read(500, 1 << 20, false)).isEqualTo(log.read(500, 1 << 20, false));
        assertThat(readAll(later, 0)).isEqualTo(log.text());
    }

    @Test
    void aLogOfOneEndlessLineIsCutBetweenCharacters() throws Exception {
        Path file = Files.createFile(directory.resolve("f.log"));
        JobLog log = new JobLog(file, LIMIT, true);
        for (int i = 0; i < 20_000; i++) {
            write(log, "äöü€𝄞");
        }

        String text = log.text();
        assertThat(text).doesNotContain("\uFFFD").contains(" bytes left out here: ");
        assertThat(readAll(log, 0)).isEqualTo(text);
        assertThat(Files.size(file)).isLessThanOrEqualTo(LIMIT.maxBytes());
    }

    private static String readAll(JobLog log, long from) throws Exception {
        StringBuilder text = new StringBuilder();
        for (LogText read = log.read(from, 4096, false); !read.text().isEmpty(); read = log.read(from, 4096, false)) {
            text.append(read.text());
            from = read.next();
        }
        return text.toString();
    }

    private static String line(int i) {
        return "line " + i + " " + "x".repeat(40 + i % 17) + "\n";
    }

    private static long bytes(int from, int to) {
        long sum = 0;
        for (int i = from; i <= to; i++) {
            sum += line(i).length();
        }
        return sum;
    }

    private static int write(JobLog log, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        log.append(bytes, 0, bytes.length);
        return bytes.length;
    }

    private static List<Integer> numbers(List<String> lines) {
        List<Integer> numbers = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            } else {
                assertThat(line).matches(MARKER);
            }
        }
        return numbers;
    }

    private static String markerLine(List<String> lines) {
        return lines.stream().filter(l -> MARKER.matcher(l).matches()).findFirst().orElseThrow();
    }

    private static String marker(List<String> lines) {
        Matcher matcher = MARKER.matcher(markerLine(lines));
        assertThat(matcher.matches()).isTrue();
        return matcher.group(1);
    }
}
