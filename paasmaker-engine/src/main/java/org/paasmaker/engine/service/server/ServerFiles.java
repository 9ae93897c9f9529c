package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.Directories;

/**
 * What every managed database server does with its files and processes: secrets readable by the
 * platform alone, the server's own log lines quoted in errors, a free port, clean-up after a failed
 * first start, and waiting out the processes of a server that died.
 */
public final class ServerFiles {

    private static final int LOG_LINES_IN_ERRORS = 20;
    private static final Duration POLL = Duration.ofMillis(50);

    private ServerFiles() {
    }

    /** Writes {@code content} to a new file of mode 0600, the platform's user's. */
    public static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n");
    }

    /** A port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The file's size, 0 when it does not exist: where a start's own log lines begin. */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the server wrote since {@code offset}: its last lines. */
    public static String logSince(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(offset, length - 64 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, length - from)];
            file.seek(from);
            file.readFully(bytes);
            return lastLines(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /** The text's last lines, as many as an error message quotes. */
    public static String lastLines(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
    }

    /** Deletes a file or a tree; a failure is added to {@code cause} rather than hiding it. */
    public static void deleteQuietly(Path path, RuntimeException cause) {
        try {
            if (Files.isDirectory(path)) {
                Directories.deleteTree(path);
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Waits until no process works in {@code directory} (a PostgreSQL server's processes all have their
     * data directory as working directory, a MariaDB server its own); those still there after half the
     * limit get SIGKILL.
     */
    public static void awaitNoProcessesIn(Path directory, Duration limit, ServerKind kind) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            return;
        }
        long start = System.nanoTime();
        while (true) {
            List<ProcessHandle> inside = ProcessHandle.allProcesses().filter(p -> worksIn(p, real)).toList();
            if (inside.isEmpty()) {
                return;
            }
            long elapsed = System.nanoTime() - start;
            if (elapsed > limit.toNanos() / 2) {
                inside.forEach(ProcessHandle::destroyForcibly);
            }
            if (elapsed > limit.toNanos()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "processes " + inside.stream()
                        .map(p -> Long.toString(p.pid())).toList() + " of an earlier " + kind.label()
                        + " server still run in " + directory + " after SIGKILL; stop them, then try again");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static boolean worksIn(ProcessHandle process, Path directory) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).equals(directory);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
