package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Compares directory trees the way a package must preserve them. */
final class Trees {

    private Trees() {
    }

    /** Same names, kinds, rwx bits, contents, link targets, and modification times to the second. */
    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(relativePaths(actual)).containsExactlyElementsOf(relativePaths(expected));
        for (Path relative : relativePaths(expected)) {
            Path original = expected.resolve(relative);
            Path copy = actual.resolve(relative);
            PosixFileAttributes want = attributes(original);
            PosixFileAttributes have = attributes(copy);
            assertThat(have.isSymbolicLink()).as("%s is a link", relative).isEqualTo(want.isSymbolicLink());
            assertThat(have.isDirectory()).as("%s is a directory", relative).isEqualTo(want.isDirectory());
            if (want.isSymbolicLink()) {
                assertThat(Files.readSymbolicLink(copy)).as("%s link target", relative).isEqualTo(Files.readSymbolicLink(original));
                continue;
            }
            assertThat(have.permissions()).as("%s permissions", relative).isEqualTo(want.permissions());
            assertThat(have.lastModifiedTime().to(TimeUnit.SECONDS)).as("%s modified", relative)
                    .isEqualTo(want.lastModifiedTime().to(TimeUnit.SECONDS));
            if (want.isRegularFile()) {
                assertThat(Files.mismatch(original, copy)).as("%s content", relative).isEqualTo(-1L);
            }
        }
    }

    static List<Path> relativePaths(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !path.equals(root)).map(root::relativize).sorted().toList();
        }
    }

    static boolean isEmptyDirectory(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
