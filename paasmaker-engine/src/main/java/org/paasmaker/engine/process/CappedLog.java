package org.paasmaker.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * A log directory whose size holds at any write rate: the process writes into a named pipe in it,
 * and a log writer, {@code svlogd} (Debian's {@code runit} package), reads the pipe and writes
 * {@code current}, which it renames to a copy {@code @<time>.s} once it reaches the limit, keeping
 * the newest few copies. The writer rotates as it writes, so no writer is fast enough to outrun it;
 * copy-and-truncate from outside, now and then, was (see {@link RotatingLog}).
 *
 * <p>Why a pipe, and who holds it. The process opens the pipe for reading and writing (see
 * {@link DetachedLauncher}), so it never gets SIGPIPE, whoever reads; the log writer is a detached
 * process of its own, not a thread of the engine, so the engine's restart costs the log nothing.
 * Should the writer die, writes wait once the pipe is full (64 KiB), and resume when a writer reads
 * again: {@link LogWriters} runs svlogd in a shell loop that starts it again at once when it is
 * killed, and the engine's health round starts the loop again if that is gone too. So a process
 * never dies of its log, and waits on it only while the writer is being replaced.
 *
 * <p>svlogd was chosen over apache2-utils' {@code rotatelogs} (which rotates to a circular set of
 * names, so the live file changes name, and pulls in APR) and over a writer of our own in Java (tens
 * of megabytes per instance where svlogd needs about one). Its directory holds, besides the logs,
 * its {@code config} (size and copies), its {@code lock}, the pipe, and {@code writer.err} (the
 * writer's own complaints, from its latest start).
 */
public record CappedLog(Path directory) {

    /** The file svlogd writes to. */
    public static final String CURRENT = "current";
    static final String PIPE = "pipe";
    static final String WRITER_ERRORS = "writer.err";
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final Path MKFIFO = Path.of("/usr/bin/mkfifo");

    public CappedLog {
        Objects.requireNonNull(directory, "directory");
    }

    /** Whether a capped log was made in {@code directory}. */
    public static boolean isIn(Path directory) {
        return Files.isDirectory(directory);
    }

    /** The named pipe the process writes to. */
    public Path pipe() {
        return directory.resolve(PIPE);
    }

    /** The log as users read it: the last lines, and on from an offset across rotations. */
    public RotatingLog reader() {
        return RotatingLog.ofSvlogd(directory);
    }

    /**
     * Makes the directory and its pipe, unless there, and writes the limit to svlogd's {@code config}
     * (which svlogd reads when it starts).
     */
    public void prepare(LogLimit limit) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("config"), "s" + limit.maxBytes() + "\nn" + limit.kept() + "\n",
                    StandardCharsets.US_ASCII);
            if (!isPipe(pipe())) {
                Files.deleteIfExists(pipe());
                makePipe();
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot make the log directory " + directory + ": "
                    + e.getMessage() + "; check that the platform's home can be written", e);
        }
    }

    /** The bytes of log held: the live file and its copies. */
    public long bytesHeld() {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().equals(CURRENT)
                    || file.getFileName().toString().startsWith("@")).mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // rotated away meanwhile
                        }
                    }).sum();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot list the log directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is a named pipe (not a device, which Java's "other" would also take in). */
    public static boolean isPipe(Path file) {
        try {
            return ((Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void makePipe() throws IOException {
        // Java has no mkfifo(3); coreutils' mkfifo is on every machine that has setsid.
        Process mkfifo = new ProcessBuilder(List.of(MKFIFO.toString(), "-m", "600", pipe().toString()))
                .redirectErrorStream(true).start();
        String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (mkfifo.waitFor() != 0 || !isPipe(pipe())) {
                throw new IOException(MKFIFO + " failed: " + output);
            }
        } catch (InterruptedException e) {
            mkfifo.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the pipe " + pipe(), e);
        }
    }

    /** What the log writer runs: see {@link LogWriters}. */
    LaunchSpec writerSpec(Path svlogd) {
        return new LaunchSpec(List.of("/bin/sh", "-c", LogWriters.LOOP, "log-writer", svlogd.toString()), directory,
                Map.of("PATH", "/usr/bin:/bin"), Path.of("/dev/null"));
    }
}
