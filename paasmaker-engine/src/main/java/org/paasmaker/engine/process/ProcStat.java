package org.paasmaker.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The fields of {@code /proc/<pid>/stat} (proc(5)) that this package needs. {@code startTicks} is
 * field 22, the process's start in clock ticks after boot; it never changes for the life of a
 * process, exec included, which is what makes it half of a process's identity.
 */
record ProcStat(long pid, char state, long parentPid, long processGroup, long session, long startTicks) {

    private static final Path PROC = Path.of("/proc");
    /** Fields after the command name: field 3 (state) up to field 22 (starttime). */
    private static final int FIELDS_NEEDED = 20;

    /** The process with this pid as the kernel sees it now; empty when there is none. */
    static Optional<ProcStat> of(long pid) {
        try {
            // ISO-8859-1 maps every byte to a char: the command name is whatever bytes the
            // executable's file name had, and must not make the read fail.
            String line = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                    StandardCharsets.ISO_8859_1);
            return Optional.of(parse(line));
        } catch (IOException e) {
            // No such file, or ESRCH from a process that ended while we read: either way, gone.
            return Optional.empty();
        }
    }

    /** Every process on the machine, zombies included. */
    static List<ProcStat> all() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, entry -> isPid(entry.getFileName().toString()))) {
            for (Path entry : entries) {
                of(Long.parseLong(entry.getFileName().toString())).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "cannot list the processes in /proc: " + e.getMessage() + "; Paasmaker needs Linux's /proc", e);
        }
        return all;
    }

    /**
     * Reads one stat line. The command name (field 2) sits in parentheses and may itself hold spaces
     * and parentheses, so the numbered fields are counted from the last ')'.
     */
    static ProcStat parse(String line) {
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(')');
        String[] fields = open < 0 || close < open ? new String[0] : line.substring(close + 1).trim().split(" ");
        if (fields.length < FIELDS_NEEDED || fields[0].length() != 1) {
            throw unreadable(line, null);
        }
        try {
            // fields[0] is proc(5)'s field 3, so field n is fields[n - 3].
            return new ProcStat(Long.parseLong(line.substring(0, open)), fields[0].charAt(0),
                    Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                    Long.parseLong(fields[19]));
        } catch (NumberFormatException e) {
            throw unreadable(line, e);
        }
    }

    /** A zombie has ended; only its exit status waits for its parent. */
    boolean hasEnded() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static PaasmakerException unreadable(String line, Exception cause) {
        return new PaasmakerException(ErrorCode.INTERNAL,
                "cannot read a line of /proc/<pid>/stat: '" + line.strip() + "'; this kernel's format is not the one proc(5) describes",
                cause);
    }
}
