package org.paasmaker.client.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.client.VersionSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a new version's code comes from, and into which workspace: what {@code deploy} and {@code version create} take. */
final class SourceOptions {

    /** {@code https://host/repo.git}, {@code ssh://...}, {@code git://...}, {@code file://...} or {@code git@host:repo.git}. */
    private static final Pattern GIT_URL = Pattern.compile("(?i)(https?|git|ssh|file)://\\S+|[\\w.-]+@[\\w.-]+:\\S+");

    @Parameters(arity = "0..1", paramLabel = "SOURCE", defaultValue = ".",
            description = "A directory (packed and uploaded), an archive (.tar.gz, .tgz or .zip) or a git URL that the"
                    + " server clones (default: the current directory).")
    String source;

    @Option(names = {"-w", "--workspace"}, paramLabel = "WS",
            description = "The workspace (default: $PAASMAKER_WORKSPACE, the login's, or the server's only one).")
    String workspace;

    @Option(names = "--manifest", paramLabel = "PATH", defaultValue = "manifest.yml",
            description = "The manifest, relative to the code's root (default: ${DEFAULT-VALUE}).")
    String manifest;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "For a git URL: the branch (default: master,"
            + " else the repository's default).")
    String branch;

    @Option(names = "--revision", paramLabel = "REV", description = "For a git URL: the commit to take.")
    String revision;

    /** The source as the client sends it, and the manifest to check here first (for a directory). */
    record Resolved(VersionSource source, String description, Optional<Path> localManifest, boolean upload) {
    }

    Resolved resolve() {
        Optional<Path> path = path(source);
        if (path.isPresent() && Files.isDirectory(path.get())) {
            Path directory = path.get().toAbsolutePath().normalize();
            return new Resolved(VersionSource.directory(directory).manifest(manifest), "the directory " + directory,
                    Optional.of(directory.resolve(manifest)), true);
        }
        if (path.isPresent() && Files.isRegularFile(path.get())) {
            String name = path.get().getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".zip")) {
                return new Resolved(VersionSource.archive(path.get()).manifest(manifest), "the archive " + path.get(),
                        Optional.empty(), true);
            }
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + source + "' is a file but not an archive;"
                    + " give a directory, a .tar.gz, .tgz or .zip archive, or a git URL");
        }
        if (GIT_URL.matcher(source).matches()) {
            return new Resolved(VersionSource.git(source, branch, revision).manifest(manifest), "the git repository "
                    + source, Optional.empty(), false);
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + source + "' is not a directory, an archive"
                + " (.tar.gz, .tgz, .zip) or a git URL: there is no such file or directory");
    }

    /** The path, when something is there. */
    private static Optional<Path> path(String text) {
        try {
            return Optional.of(Path.of(text)).filter(Files::exists);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
