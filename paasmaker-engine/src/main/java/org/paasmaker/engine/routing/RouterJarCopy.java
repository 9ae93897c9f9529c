package org.paasmaker.engine.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The router's jar that the engine carries, copied out where {@code java} can read it, with a stamp
 * beside it: the jar's checksum, and the copy's size and modified time as it was made. A launch
 * compares the stamp with the carried jar and the copy's attributes instead of reading some 9 MB of
 * copy; a copy of another jar, one changed or cut short since it was made, or one with no stamp is
 * replaced. An unchanged copy is left alone: a router still running keeps it open.
 */
final class RouterJarCopy {

    static final String FILE = "paasmaker-router.jar";
    static final String STAMP = FILE + ".stamp";

    private RouterJarCopy() {
    }

    /**
     * The copy of {@code bytes} (the carried jar) in {@code directory}, made or replaced unless it is
     * already there as its stamp says.
     */
    static RouterJar in(Path directory, byte[] bytes) throws IOException {
        Path copy = directory.resolve(FILE);
        Path stamp = directory.resolve(STAMP);
        RouterJar jar = RouterJar.of(copy, bytes);
        if (Files.isRegularFile(copy) && Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(stamp(jar, copy))) {
            return jar;
        }
        Files.createDirectories(directory);
        replace(copy, bytes);
        // After the jar: a copy whose stamp was never written is replaced by the next launch.
        replace(stamp, stamp(jar, copy).getBytes(StandardCharsets.UTF_8));
        return jar;
    }

    private static String stamp(RouterJar jar, Path copy) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(copy, BasicFileAttributes.class);
        return jar.checksum() + " " + attributes.size() + " " + attributes.lastModifiedTime() + "\n";
    }

    /** Writes {@code bytes} to a file of their own and moves it into place whole. */
    private static void replace(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
