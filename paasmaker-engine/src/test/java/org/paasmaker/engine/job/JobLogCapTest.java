package org.paasmaker.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * A step whose command writes 200 MB as fast as it can, followed by offset as the server's event
 * stream follows it. Prints the figures docs/benchmarks.md quotes.
 */
class JobLogCapTest {

    private static final int LINES = 2_000_000;
    private static final Pattern LINE = Pattern.compile("line (\\d+) x+");
    private static final Pattern MARKER = Pattern.compile("\\[\\.\\.\\. (\\d+) bytes left out here: .*");
    private static final JobLogLimit LIMIT = JobLogLimit.DEFAULT;

    @TempDir
    Path directory;

    private ExecutorService executor;
    private JobManager jobs;

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        jobs = new JobManager(directory.resolve("jobs"), Clock.systemUTC(), executor,
                DaemonThreads.named("test-job-events-"), LIMIT);
    }

    @AfterEach
    void stop() {
        jobs.close();
        executor.shutdownNow();
    }

    @Test
    void aCommandWriting200MegabytesKeepsItsLogUnderTheCapAndItsFollowerReadsOnToTheLastLine() throws Exception {
        Job root = jobs.createRoot("Chatty", Map.of());
        Job step = jobs.addChild(root, "Write 200 MB");
        String program = "BEGIN { pad = sprintf(\"%100s\", \"\"); gsub(/ /, \"x\", pad);"
                + " for (i = 1; i <= " + LINES + "; i++) printf \"line %d %s\\n\", i, pad }";
        long started = System.nanoTime();
        jobs.submit(root, job -> jobs.runStep(step, directory, Map.of("PATH", System.getenv("PATH")),
                context -> assertThat(context.run(List.of("awk", program))).isZero()));

        Follower follower = new Follower();
        long at = 0;
        long largestFile = 0;
        int reads = 0;
        while (true) {
            boolean finished = jobs.get(root.id()).state().finished();
            LogText read = finished ? jobs.log(step.id(), at) : jobs.logLines(step.id(), at);
            largestFile = Math.max(largestFile, Files.size(step.logFile()));
            if (read.text().isEmpty()) {
                if (finished) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            assertThat(read.next()).as("offsets only grow").isGreaterThan(at);
            at = read.next();
            reads++;
            follower.take(read.text());
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        JobView done = jobs.await(root.id(), Duration.ofMinutes(2));
        assertThat(done.state()).isEqualTo(JobState.SUCCESS);
        String kept = jobs.log(step.id());
        List<String> keptLines = kept.lines().toList();
        long fileBytes = Files.size(step.logFile());
        assertThat(fileBytes).isLessThanOrEqualTo(LIMIT.maxBytes());
        assertThat(largestFile).as("the log file at any time").isLessThanOrEqualTo(LIMIT.maxBytes());
        assertThat(keptLines.get(0)).startsWith("line 1 x");
        assertThat(keptLines.get(keptLines.size() - 1)).startsWith("line " + LINES + " x");
        assertThat(keptLines).filteredOn(line -> MARKER.matcher(line).matches()).hasSize(1);
        assertThat(follower.last).as("the follower reads to the last line").isEqualTo(LINES);
        assertThat(follower.first).isEqualTo(1);
        assertThat(at).isEqualTo(follower.bytesRead + follower.bytesLeftOut - follower.markerBytes);
        double straight = straightToAFile(program);
        System.out.printf("JobLogCapTest: %d lines (%.0f MB) through the job log in %.1f s (straight to a file, no limit:"
                + " %.1f s); log file at most %d bytes (limit %d), %d at the end; the follower read %.0f MB in %d reads,"
                + " was told of %d gaps (%.0f MB left out)%n", LINES, at / 1e6, seconds, straight, largestFile,
                LIMIT.maxBytes(), fileBytes, follower.bytesRead / 1e6, reads, follower.markers, follower.bytesLeftOut / 1e6);
    }

    /** Seconds the same command takes with its output appended to a file, as job logs were written before. */
    private double straightToAFile(String program) throws Exception {
        Path file = directory.resolve("straight.log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder("awk", program).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile())).start();
        assertThat(process.waitFor()).isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.delete(file);
        return seconds;
    }

    /** Checks the stream as it comes: numbered lines in order, consecutive except across a marker. */
    private static final class Follower {
        long first = -1;
        long last;
        long bytesRead;
        long bytesLeftOut;
        long markerBytes;
        int markers;
        boolean gap;
        private final StringBuilder partial = new StringBuilder();

        void take(String text) {
            bytesRead += text.length();
            partial.append(text);
            int start = 0;
            for (int end; (end = partial.indexOf("\n", start)) >= 0; start = end + 1) {
                line(partial.substring(start, end));
            }
            partial.delete(0, start);
        }

        private void line(String line) {
            Matcher number = LINE.matcher(line);
            if (number.matches()) {
                long n = Long.parseLong(number.group(1));
                if (first < 0) {
                    first = n;
                } else if (gap) {
                    assertThat(n).isGreaterThan(last + 1);
                } else {
                    assertThat(n).as("the line after line " + last).isEqualTo(last + 1);
                }
                last = n;
                gap = false;
                return;
            }
            Matcher marker = MARKER.matcher(line);
            assertThat(marker.matches()).as("a line of the command or a marker: " + line).isTrue();
            markers++;
            markerBytes += line.length() + 1;
            bytesLeftOut += Long.parseLong(marker.group(1));
            gap = true;
        }
    }
}
