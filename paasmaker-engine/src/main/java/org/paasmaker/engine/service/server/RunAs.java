package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Who runs a database server's programs. initdb and postgres, mariadb-install-db and mariadbd refuse
 * root, so a platform running as root runs them as a system user ({@code postgres}, {@code mysql})
 * through {@code setpriv}, which execs in place (the pid the launcher records stays the server's), and
 * hands that user the directory. A platform not running as root runs them as itself.
 */
public final class RunAs {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path SETFACL = Path.of("/usr/bin/setfacl");
    private static final String FIRST_UNSEARCHABLE = "for d; do [ -x \"$d\" ] || { printf '%s' \"$d\"; exit 1; }; done";

    private final Optional<String> user;
    private final ServerKind kind;

    private RunAs(Optional<String> user, ServerKind kind) {
        this.user = user;
        this.kind = kind;
    }

    /** {@code systemUser} when this process is root; else this process's own user. */
    public static RunAs forServer(String systemUser, ServerKind kind) {
        return new RunAs(isRoot() ? Optional.of(systemUser) : Optional.empty(), kind);
    }

    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The words before a command that run it as the server's user. */
    public List<String> prefix() {
        if (user.isEmpty()) {
            return List.of();
        }
        if (!Files.isExecutable(SETPRIV)) {
            throw new PaasmakerException(ErrorCode.START_FAILED, SETPRIV + " is missing; the platform runs as root and"
                    + " needs it to run " + kind.label() + " as '" + user.get() + "'; install util-linux");
        }
        return List.of(SETPRIV.toString(), "--reuid=" + user.get(), "--regid=" + user.get(), "--init-groups", "--");
    }

    /** Makes the file the server user's (when the platform is root). */
    public void own(Path file) {
        if (user.isEmpty()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user.get());
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(user.get());
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setOwner(owner);
            view.setGroup(group);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot hand " + file + " to the system user '"
                    + user.get() + "': " + e.getMessage() + "; install Debian's " + kind.debianPackage() + " package, which"
                    + " makes that user, or set " + kind.setting("system_user"), e);
        }
    }

    /**
     * Lets the server's user reach {@code directory}: each folder above it that the user cannot search
     * (a 0700 home, a temporary folder) gets an ACL entry granting that user search (x) alone, no
     * listing or reading; each grant is reported to {@code warnings}.
     */
    public void makeReachable(Path directory, Consumer<String> warnings) {
        if (user.isEmpty()) {
            return;
        }
        List<String> chain = new ArrayList<>();
        for (Path p = directory.toAbsolutePath(); p != null; p = p.getParent()) {
            chain.add(0, p.toString());
        }
        for (int attempt = 0; attempt <= chain.size(); attempt++) {
            List<String> check = new ArrayList<>(prefix());
            check.addAll(List.of("/bin/sh", "-c", FIRST_UNSEARCHABLE, "sh"));
            check.addAll(chain);
            Result result = run(check);
            if (result.status == 0) {
                return;
            }
            String blocked = result.output.strip();
            if (blocked.isEmpty() || !Files.isExecutable(SETFACL)) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the system user '" + user.get() + "' cannot reach "
                        + directory + (blocked.isEmpty() ? "" : ": it may not search " + blocked) + "; install the acl"
                        + " package (the platform then grants that user search permission alone), run 'setfacl -m u:"
                        + user.get() + ":x " + blocked + "', or set " + kind.setting("directory")
                        + " to a folder it can reach");
            }
            Result granted = run(List.of(SETFACL.toString(), "-m", "u:" + user.get() + ":x", blocked));
            if (granted.status != 0) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "cannot let the system user '" + user.get()
                        + "' search " + blocked + " (setfacl said: " + granted.output.strip() + "); set "
                        + kind.setting("directory") + " to a folder it can reach");
            }
            warnings.accept("Gave the system user '" + user.get() + "' search permission (an ACL entry, u:" + user.get()
                    + ":x) on " + blocked + ", so that " + kind.label() + " can reach " + directory + ".");
        }
        throw new PaasmakerException(ErrorCode.START_FAILED, "the system user '" + user.get() + "' still cannot reach "
                + directory + " after search permission was granted on each folder above it; set "
                + kind.setting("directory") + " to a folder it can reach");
    }

    public record Result(int status, String output) {
    }

    /** Runs a short command, its output and errors together; for initdb and the like. */
    public static Result run(List<String> command) {
        return run(command, Path.of("/"), 120);
    }

    public static Result run(List<String> command, Path directory, int timeoutSeconds) {
        java.io.File output = null;
        try {
            // Output to a file, not a pipe: a command that hangs silently still meets its timeout.
            output = java.io.File.createTempFile("paasmaker-command-", ".out");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                output.delete();
            }
        }
    }

    @Override
    public String toString() {
        return user.map(name -> "the system user '" + name + "'").orElse("the platform's own user");
    }
}
