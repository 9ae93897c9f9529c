package org.paasmaker.engine.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The guard of every clean-up: what it deletes is the platform's own, under its home. A path is inside
 * when its directory, links resolved, lies inside the home, links resolved; the path itself is never
 * followed (a link in the home is deleted as a link, never what it points to).
 */
final class HomePaths {

    private final Path realHome;

    HomePaths(Path home) {
        try {
            this.realHome = home.toRealPath();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot resolve the platform's home " + home + ": "
                    + e.getMessage(), e);
        }
    }

    /** The path, if it lies inside the home; else an error, and nothing is deleted. */
    Path requireInside(Path path) {
        try {
            Path parent = path.toAbsolutePath().normalize().getParent();
            Path realParent = parent == null ? null : parent.toRealPath();
            if (realParent == null || !realParent.startsWith(realHome)
                    || realParent.resolve(path.getFileName()).equals(realHome)) {
                throw outside(path);
            }
            return realParent.resolve(path.getFileName());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    /** A directory of the home to clean up in: a real directory inside it, not a link to one elsewhere. */
    boolean isOwnDirectory(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        requireInside(directory);
        return true;
    }

    private PaasmakerException outside(Path path) {
        return new PaasmakerException(ErrorCode.INTERNAL, path + " is not inside the platform's home " + realHome
                + "; the platform deletes only its own files");
    }
}
