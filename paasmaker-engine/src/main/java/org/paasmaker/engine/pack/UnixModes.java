package org.paasmaker.engine.pack;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Converts between Java's permission sets and the rwx bits of a Unix mode. Set-user-id, set-group-id
 * and sticky bits have no place in Java's sets, and Paasmaker neither packs nor restores them.
 */
final class UnixModes {

    /** {@link PosixFilePermission} declares owner read first and others execute last, as 0400 down to 0001. */
    private static final PosixFilePermission[] BY_BIT_FROM_0400 = PosixFilePermission.values();

    private UnixModes() {
    }

    static int bits(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BY_BIT_FROM_0400.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(BY_BIT_FROM_0400[i]);
            }
        }
        return permissions;
    }
}
