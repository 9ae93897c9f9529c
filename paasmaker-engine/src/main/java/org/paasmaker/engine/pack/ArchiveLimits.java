package org.paasmaker.engine.pack;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * How much an extraction may write, and whether symbolic links may point outside the target
 * directory. The limits are checked while the archive streams, so a bomb stops at the limit, not
 * after it has filled the disk. No setting ever allows writing outside the target, through a link,
 * or hard links to files the archive did not make.
 *
 * @param maxEntries how many entries (files, directories, links) the archive may hold
 * @param maxBytes how many bytes its files may hold in all, once uncompressed
 * @param allowLinksOutside whether a symbolic link may lead outside the target directory
 */
public record ArchiveLimits(long maxEntries, long maxBytes, boolean allowLinksOutside) {

    public ArchiveLimits {
        if (maxEntries < 0 || maxBytes < 0) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "archive limits cannot be negative (entries "
                    + maxEntries + ", bytes " + maxBytes + "); use 0 to allow none");
        }
    }

    /** For what users upload (the tarball and zip sources): nothing may lead outside. */
    public static ArchiveLimits sources() {
        return new ArchiveLimits(200_000, 4L << 30, false);
    }

    /**
     * For the packages Paasmaker made itself from prepared code. They may be bigger (a large
     * node_modules holds a few hundred thousand files; an extraction keeps about 150 bytes of
     * bookkeeping per entry), and their links may lead outside: a prepared Python virtualenv links to
     * the system's python by absolute path.
     */
    public static ArchiveLimits packages() {
        return new ArchiveLimits(1_000_000, 64L << 30, true);
    }
}
