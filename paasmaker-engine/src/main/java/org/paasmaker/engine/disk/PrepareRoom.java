package org.paasmaker.engine.disk;

import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.source.SourceSpec;

/**
 * Refuses a prepare that would not fit before it starts. A prepare holds its source about three times
 * over at its peak: the upload or source as given, the working copy unpacked from it, and the package
 * packed from that (compressed, but a prepare's commands may add to the copy); so it needs three times
 * the source's size, and the free space the platform keeps besides. A git source's size is unknown
 * until it is cloned, so only the kept space is asked of it.
 */
public final class PrepareRoom {

    static final int FACTOR = 3;

    private final DiskAccounting disk;

    public PrepareRoom(DiskAccounting disk) {
        this.disk = disk;
    }

    public void require(SourceSpec source) {
        long sourceBytes = sourceBytes(source);
        long needed = sourceBytes * FACTOR;
        long free = disk.freeBytes();
        long low = disk.limit().lowBytes();
        if (free - needed < low) {
            throw new PaasmakerException(ErrorCode.DISK_FULL, "the platform's disk has " + Sizes.describe(free)
                    + " free; this prepare needs about " + Sizes.describe(needed) + " (" + FACTOR + " times its source's "
                    + Sizes.describe(sourceBytes) + ") and the platform keeps " + Sizes.describe(low) + " free ("
                    + DiskLimit.VARIABLE + "); delete old versions (paasmaker disk shows what is held) or free space"
                    + " on the disk, then try again");
        }
    }

    /** The size of a local source (an archive, or a directory's files); 0 for a remote one. */
    static long sourceBytes(SourceSpec source) {
        return source.parameters().findString("location").filter(l -> l.startsWith("/")).map(Path::of)
                .map(TreeSize::of).orElse(0L);
    }
}
