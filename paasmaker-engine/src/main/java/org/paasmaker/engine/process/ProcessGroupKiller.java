package org.paasmaker.engine.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Stops a detached process and everything it started: SIGTERM to its process group, SIGKILL after a
 * grace period. Processes that left the group (by setsid or setpgid of their own) are found as
 * descendants in {@code /proc} and signalled one by one; each is remembered by pid and start time,
 * so it is still found after its parent died and it was re-parented, and a reused pid is never
 * signalled. Only a process that left the group and was re-parented before the first scan escapes.
 *
 * <p>When the recorded leader has died, its group may live on (children it left behind); the group
 * is still this record's, because the kernel never hands out a pid that still names a process
 * group. When the leader's pid is held by another process, the group is gone with it. (The one case
 * this cannot tell: the whole group died, the pid went to a new process that made itself a group
 * leader, and that one died too, leaving children. That takes a full cycle of pids.)
 */
public final class ProcessGroupKiller {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** Past this, what SIGKILL did not end is stuck in the kernel (state D) and waiting longer will not help. */
    private static final Duration KILL_LIMIT = Duration.ofSeconds(10);

    private enum Signal {
        TERM, KILL
    }

    /**
     * Returns once nothing of the process is left alive (at once when it is already gone or its pid
     * is now another process's).
     *
     * @throws PaasmakerException INTERNAL naming the pids left when SIGKILL did not end them in
     *         time; ABORTED when interrupted, after sending SIGKILL to what was left
     */
    public void stop(ProcessIdentity leader, Duration grace) {
        Objects.requireNonNull(leader, "leader");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("a grace period is not negative: " + grace);
        }
        if (!leader.isFromThisBoot() || pidHeldByAnother(leader)) {
            return;
        }
        Remains remains = new Remains(leader);
        List<ProcStat> alive = remains.scan();
        if (alive.isEmpty()) {
            return;
        }
        signal(Signal.TERM, remains, alive);
        alive = awaitEnd(remains, grace, false);
        if (alive.isEmpty()) {
            return;
        }
        alive = awaitEnd(remains, KILL_LIMIT, true);
        if (!alive.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "process " + leader.pid() + " did not end: "
                    + pids(alive) + " still run " + KILL_LIMIT.toSeconds() + " s after SIGKILL; they are probably"
                    + " stuck in the kernel (see 'ps -o pid,stat,wchan -p " + pids(alive) + "')");
        }
    }

    private static boolean pidHeldByAnother(ProcessIdentity leader) {
        return ProcStat.of(leader.pid()).filter(stat -> stat.startTicks() != leader.startTicks()).isPresent();
    }

    /** Polls until what remains has ended or the limit passes; returns what is still alive. */
    private static List<ProcStat> awaitEnd(Remains remains, Duration limit, boolean killing) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ProcStat> alive = remains.scan();
        while (!alive.isEmpty() && deadline - System.nanoTime() > 0) {
            if (killing) {
                // Again each round: a descendant found late must get it too; to the dead it is harmless.
                signal(Signal.KILL, remains, alive);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                // SIGKILL first, with the interrupt flag still clear, so that sending it is not interrupted too.
                signal(Signal.KILL, remains, alive);
                Thread.currentThread().interrupt();
                throw new PaasmakerException(ErrorCode.ABORTED, "stopping process " + remains.leader.pid()
                        + " was interrupted; " + pids(alive) + " got SIGKILL but may not have ended yet");
            }
            alive = remains.scan();
        }
        return alive;
    }

    private static void signal(Signal signal, Remains remains, List<ProcStat> alive) {
        if (alive.stream().anyMatch(process -> process.processGroup() == remains.group)) {
            signalGroup(signal, remains.group);
        }
        alive.stream().filter(process -> process.processGroup() != remains.group)
                .forEach(process -> signalOne(signal, process));
    }

    /**
     * kill(2) with a negative pid signals every member of the group at once, including one forked a
     * moment ago that no scan has seen yet. Java cannot name a group, and the shell's {@code kill}
     * builtin is on every machine that has {@code /bin/sh}.
     */
    private static void signalGroup(Signal signal, long group) {
        ProcessBuilder kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$1\" -- \"-$2\"", "sh", signal.name(),
                Long.toString(group))
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        try {
            // Its exit status is ignored: the group may have ended since the scan (ESRCH).
            kill.start().waitFor();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "cannot send SIG" + signal + " to process group " + group + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED,
                    "interrupted while sending SIG" + signal + " to process group " + group, e);
        }
    }

    private static void signalOne(Signal signal, ProcStat process) {
        // The handle is taken first and remembers the start time of the process it found; it signals
        // only that process. The check after it makes sure that process is the one scanned.
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            if (ProcStat.of(process.pid()).filter(now -> now.startTicks() == process.startTicks()).isPresent()) {
                if (signal == Signal.KILL) {
                    handle.destroyForcibly();
                } else {
                    handle.destroy();
                }
            }
        });
    }

    private static String pids(List<ProcStat> processes) {
        return processes.stream().map(process -> Long.toString(process.pid())).collect(Collectors.joining(","));
    }

    /** What belongs to one recorded process, gathered over successive scans of /proc. */
    private static final class Remains {

        private final ProcessIdentity leader;
        private final long group;
        private final long engine = ProcessHandle.current().pid();
        /** Every process found to belong, by pid, with its start ticks. */
        private final Map<Long, Long> known = new HashMap<>();

        Remains(ProcessIdentity leader) {
            this.leader = leader;
            this.group = leader.pid();
            long engineGroup = ProcStat.of(engine).map(ProcStat::processGroup).orElse(-1L);
            if (group == engine || group == engineGroup) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "refusing to stop process " + group
                        + ": it is the engine itself or the engine's process group; the process record is wrong");
            }
            known.put(leader.pid(), leader.startTicks());
        }

        /** The live members of the group, the known processes still alive, and all their descendants. */
        List<ProcStat> scan() {
            List<ProcStat> all = ProcStat.all().stream().filter(process -> !process.hasEnded()).toList();
            Map<Long, List<ProcStat>> children = all.stream().collect(Collectors.groupingBy(ProcStat::parentPid));
            Deque<ProcStat> pending = new ArrayDeque<>();
            for (ProcStat process : all) {
                if (process.processGroup() == group || isKnown(process)) {
                    pending.add(process);
                }
            }
            List<ProcStat> alive = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                ProcStat process = pending.poll();
                if (process.pid() != engine && seen.add(process.pid())) {
                    known.put(process.pid(), process.startTicks());
                    alive.add(process);
                    pending.addAll(children.getOrDefault(process.pid(), List.of()));
                }
            }
            return alive;
        }

        private boolean isKnown(ProcStat process) {
            Long ticks = known.get(process.pid());
            return ticks != null && ticks == process.startTicks();
        }
    }
}
