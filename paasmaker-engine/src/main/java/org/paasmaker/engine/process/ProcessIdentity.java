package org.paasmaker.engine.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One process, for good. A pid alone names whatever process holds it now, and pids are reused (by
 * default after 32768 of them); the kernel's record of when the process started, in clock ticks
 * since boot, tells a reused pid from the process recorded, and the boot id keeps a record written
 * before a reboot from matching a process of this boot that happens to have the same pid and ticks.
 */
public record ProcessIdentity(long pid, long startTicks, String bootId) {

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    public ProcessIdentity {
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid is positive: " + pid);
        }
        if (startTicks < 0) {
            throw new IllegalArgumentException("start ticks are never negative: " + startTicks);
        }
        Objects.requireNonNull(bootId, "bootId");
        if (bootId.isBlank()) {
            throw new IllegalArgumentException("the boot id is blank");
        }
    }

    /** The identity of the process that holds this pid now; empty when none does, or only its zombie. */
    public static Optional<ProcessIdentity> of(long pid) {
        return ProcStat.of(pid)
                .filter(stat -> !stat.hasEnded())
                .map(stat -> new ProcessIdentity(pid, stat.startTicks(), currentBootId()));
    }

    /** Whether this very process still runs: its pid is held, by the process that started then, in this boot. */
    public boolean isAlive() {
        return of(pid).filter(this::equals).isPresent();
    }

    boolean isFromThisBoot() {
        return bootId.equals(currentBootId());
    }

    static String currentBootId() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "cannot read the boot id from " + BOOT_ID + ": " + e.getMessage() + "; Paasmaker needs Linux's /proc", e);
        }
    }
}
