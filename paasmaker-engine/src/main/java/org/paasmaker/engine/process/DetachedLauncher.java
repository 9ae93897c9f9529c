package org.paasmaker.engine.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Starts processes that outlive the engine's JVM: each in its own session and process group (so no
 * signal meant for the engine's group or terminal reaches it), stdin from {@code /dev/null}, stdout
 * and stderr appended straight to a file (no pipe that dies with the JVM), and the JVM's own file
 * descriptors closed (Java closes every descriptor above 2 in a child).
 *
 * <p>How the real pid is known: the JVM starts {@code setsid /bin/sh -c GATE sh ... -- command}.
 * {@code setsid} (util-linux) forks only when its caller leads a process group, which a JVM's child
 * never does, so it calls setsid(2) and execs the shell in place; the shell prints {@code $$} to a
 * pipe, waits on another pipe for one line, and then execs the command, again in place. So the pid
 * the shell reports is the session leader's, the command's, and {@link Process#pid()} all at once
 * (checked), and the launcher reads the process's start time while the shell is still waiting: the
 * process cannot have ended, or its pid been reused, before its identity is taken. If the JVM dies
 * before it opens the gate, the shell reads end-of-file and exits without starting the command, so
 * a half-done launch leaves nothing running.
 *
 * <p>When the log file is a named pipe (a FIFO, which {@link CappedLog} makes for its log writer),
 * the command's stdout and stderr go to it instead, opened for reading <em>and</em> writing. Opened
 * so, the command itself holds a read end of its pipe for as long as it lives, so it never gets
 * SIGPIPE (nor EPIPE) because the process that reads the pipe died; at worst its writes wait, once
 * the pipe's 64 KiB are full, until a reader is back. (Opening a FIFO for writing alone would also
 * wait at the open until a reader comes; read-write never waits.)
 *
 * <p>The command's environment is exactly {@link LaunchSpec#environment()}. A POSIX shell resets
 * {@code PWD}, {@code IFS}, {@code OPTIND} and {@code PPID} at startup, and the gate reads into
 * {@code _}; the shell unsets those and exports back the ones the spec gives, passed as arguments
 * (none of them is a secret, and the arguments are replaced by the command's own at exec). Names
 * that are not shell identifiers cannot pass through a shell, so {@link LaunchSpec} refuses them.
 * (Where {@code /bin/sh} is bash rather than dash, bash also exports {@code SHLVL} and sets
 * {@code _} to the command's path.)
 *
 * <p>While the engine runs, the process is the JVM's child and the JVM reaps it when it ends; after
 * the JVM is gone it is re-parented like any orphan.
 */
public final class DetachedLauncher {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String SHELL = "/bin/sh";
    private static final List<String> SHELL_VARIABLES = List.of("PWD", "IFS", "OPTIND", "PPID", "_");
    private static final String END_OF_VARIABLES = "--";
    /*
     * Line 1 reports the pid, waits for the launcher, then points stdin at /dev/null. Line 2 points
     * stdout at the pipe given as $1, if any, opened for reading and writing (see #launch), line 3
     * stderr at stdout. Lines 4-6 put back the variables the shell set for itself, as the spec has them
     * (OPTIND is not unset: dash refuses an empty one, and exports it only when it was given).
     */
    private static final String GATE = String.join("\n",
            "echo $$ >&2 && read -r _ && exec </dev/null || exit 1",
            "if [ -n \"$1\" ]; then exec 1<>\"$1\" || exit 1; fi",
            "shift && exec 2>&1 || exit 1",
            "unset PWD IFS PPID _",
            "while [ \"$1\" != " + END_OF_VARIABLES + " ]; do export \"$1\"; shift; done",
            "shift",
            "exec \"$@\"");

    /**
     * Starts the command detached. Returns once the command is let go, its identity already taken; a
     * command that cannot be executed (not found, say) ends at once, and its log file says why.
     */
    public LaunchedProcess launch(LaunchSpec spec) {
        if (!Files.isExecutable(SETSID)) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot launch '" + commandLine(spec) + "': " + SETSID
                    + " is missing; install util-linux");
        }
        boolean toPipe = CappedLog.isPipe(spec.logFile());
        ProcessBuilder builder = new ProcessBuilder(gatedCommand(spec, toPipe))
                .directory(spec.workingDirectory().toFile())
                .redirectInput(Redirect.PIPE)
                .redirectOutput(toPipe ? Redirect.DISCARD : Redirect.appendTo(spec.logFile().toFile()))
                .redirectError(Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        Process gated;
        try {
            gated = builder.start();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot launch '" + commandLine(spec) + "' in "
                    + spec.workingDirectory() + " with its output appended to " + spec.logFile() + ": " + e.getMessage()
                    + "; check that the directory exists and the log file can be written", e);
        }
        try {
            ProcessIdentity identity = identityAtGate(gated, spec);
            openGate(gated, spec);
            return new LaunchedProcess(identity, spec, gated);
        } catch (RuntimeException e) {
            // Still held at the gate (or already gone): the command itself never ran.
            gated.destroyForcibly();
            throw e;
        }
    }

    private static List<String> gatedCommand(LaunchSpec spec, boolean toPipe) {
        List<String> command = new ArrayList<>(List.of(SETSID.toString(), SHELL, "-c", GATE, "sh",
                toPipe ? spec.logFile().toString() : ""));
        for (String name : SHELL_VARIABLES) {
            String value = spec.environment().get(name);
            if (value != null) {
                command.add(name + "=" + value);
            }
        }
        command.add(END_OF_VARIABLES);
        command.addAll(spec.command());
        return command;
    }

    private static ProcessIdentity identityAtGate(Process gated, LaunchSpec spec) {
        String reported;
        try {
            // The shell's first act is to print its pid; if it cannot, it exits and this read ends.
            reported = new BufferedReader(new InputStreamReader(gated.getErrorStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL,
                    "cannot read the pid of '" + commandLine(spec) + "': " + e.getMessage(), e);
        }
        if (reported == null || !reported.equals(Long.toString(gated.pid()))) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot launch '" + commandLine(spec) + "': " + SETSID
                    + " and " + SHELL + " should have reported pid " + gated.pid() + " but said "
                    + (reported == null ? "nothing" : "'" + reported + "'"));
        }
        Optional<ProcStat> stat = ProcStat.of(gated.pid());
        if (stat.isEmpty() || stat.get().hasEnded() || stat.get().session() != gated.pid()) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot launch '" + commandLine(spec) + "': process "
                    + gated.pid() + " is not the leader of its own session after " + SETSID + " (" + stat + ")");
        }
        return new ProcessIdentity(gated.pid(), stat.get().startTicks(), ProcessIdentity.currentBootId());
    }

    private static void openGate(Process gated, LaunchSpec spec) {
        try (OutputStream gate = gated.getOutputStream()) {
            gate.write('\n');
            gated.getErrorStream().close();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot let '" + commandLine(spec) + "' (pid "
                    + gated.pid() + ") start: " + e.getMessage(), e);
        }
    }

    private static String commandLine(LaunchSpec spec) {
        return String.join(" ", spec.command());
    }
}
