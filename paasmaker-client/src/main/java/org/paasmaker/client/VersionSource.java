package org.paasmaker.client;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.paasmaker.api.error.ErrorCode;

/**
 * Where a new version's code comes from ({@link Versions#create}): a local directory or archive that the
 * client uploads, or a git repository or server directory that the server fetches itself. Each names
 * the manifest within the code, {@value #DEFAULT_MANIFEST} unless {@code manifest(path)} says otherwise.
 */
public sealed interface VersionSource permits VersionSource.Directory, VersionSource.Archive, VersionSource.Git,
        VersionSource.ServerDirectory {

    String DEFAULT_MANIFEST = "manifest.yml";

    /** The manifest's path within the code. */
    String manifest();

    /** The same source with the manifest at another path within the code, such as {@code deploy/manifest.yml}. */
    VersionSource manifest(String path);

    /**
     * A local directory, packed as a {@code .tar.gz} while it uploads: never the whole archive in memory
     * or on disk. Every file, directory and symbolic link goes as it is, with its permission bits
     * (symbolic links are kept as links, never followed), <em>except</em> version-control metadata: a
     * {@code .git} directory or file at any depth is left out, as a PaaS push leaves it out; to deploy a
     * repository as such, use {@link #git}. A socket, pipe or device in the tree is refused before
     * anything is sent.
     */
    static Directory directory(Path directory) {
        return new Directory(directory, DEFAULT_MANIFEST);
    }

    /**
     * An archive file uploaded as it is: {@code .tar.gz} or {@code .tgz} (sent as {@code application/gzip})
     * or {@code .zip} ({@code application/zip}); any other name is refused here, before any upload.
     */
    static Archive archive(Path archive) {
        return new Archive(archive, DEFAULT_MANIFEST);
    }

    /** A git repository the server clones; {@code branch} and {@code revision} may be null (its default branch, its head). */
    static Git git(String url, String branch, String revision) {
        return new Git(url, branch, revision, DEFAULT_MANIFEST);
    }

    /**
     * A directory on the server's own machine, by its absolute path there; only servers started with
     * {@code PAASMAKER_ALLOW_DIRECTORY_SOURCES=true} take it.
     */
    static ServerDirectory serverDirectory(String absolutePath) {
        return new ServerDirectory(absolutePath, DEFAULT_MANIFEST);
    }

    record Directory(Path path, String manifest) implements VersionSource {
        public Directory {
            Objects.requireNonNull(path, "the directory to upload");
            manifest = checkedManifest(manifest);
        }

        @Override
        public Directory manifest(String path) {
            return new Directory(this.path, path);
        }
    }

    record Archive(Path path, String manifest) implements VersionSource {
        public Archive {
            Objects.requireNonNull(path, "the archive to upload");
            contentType(path);
            manifest = checkedManifest(manifest);
        }

        @Override
        public Archive manifest(String path) {
            return new Archive(this.path, path);
        }

        /** {@code application/gzip} or {@code application/zip}, by the file's name. */
        public String contentType() {
            return contentType(path);
        }

        private static String contentType(Path path) {
            String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                return "application/gzip";
            }
            if (name.endsWith(".zip")) {
                return "application/zip";
            }
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "'" + path + "' is not an archive Paasmaker"
                    + " takes: give a .tar.gz, .tgz or .zip file, or the directory itself");
        }
    }

    record Git(String url, String branch, String revision, String manifest) implements VersionSource {
        public Git {
            if (url == null || url.isBlank()) {
                throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "a git source needs the repository's URL");
            }
            branch = blankToNull(branch);
            revision = blankToNull(revision);
            manifest = checkedManifest(manifest);
        }

        @Override
        public Git manifest(String path) {
            return new Git(url, branch, revision, path);
        }
    }

    record ServerDirectory(String path, String manifest) implements VersionSource {
        public ServerDirectory {
            if (path == null || path.isBlank()) {
                throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST,
                        "a server directory source needs the directory's absolute path on the server");
            }
            manifest = checkedManifest(manifest);
        }

        @Override
        public ServerDirectory manifest(String path) {
            return new ServerDirectory(this.path, path);
        }
    }

    private static String checkedManifest(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "the manifest's path within the code is empty;"
                    + " leave it out for " + DEFAULT_MANIFEST);
        }
        if (manifest.startsWith("/") || manifest.equals("..") || manifest.startsWith("../") || manifest.contains("/../")) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "the manifest '" + manifest
                    + "' must be a path within the code, such as deploy/manifest.yml");
        }
        return manifest;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
