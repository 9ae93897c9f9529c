package org.paasmaker.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.BuiltinPlugins;

/** Documents built to exhaust a reader, and files that cannot be read at all. */
class HostileManifestTest {

    private static final String HEAD = "manifest: {format: 1}\ninstances: []\napplication:\n  name: hostile\n  tags:\n";

    private final ManifestReader reader = new ManifestReader(BuiltinPlugins.catalog());

    @Test
    void refusesABillionLaughs() {
        StringBuilder text = new StringBuilder(HEAD).append("    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*l" + (level - 1);
            text.append("    l").append(level).append(": &l").append(level).append(" [")
                    .append(IntStream.range(0, 9).mapToObj(i -> previous).collect(Collectors.joining(", ")))
                    .append("]\n");
        }

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text.toString(), "laughs.yml"));

        assertThat(failure.errors()).containsExactly(new FieldError("",
                "the manifest uses more than 50 aliases of maps and lists; write the values out instead", 0));
    }

    @Test
    void stopsADocumentThatExpandsThroughFewAliases() {
        // 40 aliases, within SnakeYAML's limit, that expand to 10^5 values.
        StringBuilder text = new StringBuilder(HEAD).append("    l0: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
        for (int level = 1; level <= 4; level++) {
            String previous = "*l" + (level - 1);
            text.append("    l").append(level).append(": &l").append(level).append(" [")
                    .append(IntStream.range(0, 10).mapToObj(i -> previous).collect(Collectors.joining(", ")))
                    .append("]\n");
        }

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text.toString(), "expanding.yml"));

        assertThat(failure.errors()).singleElement().extracting(FieldError::message).asString()
                .startsWith("the manifest holds more than 100000 values");
    }

    @Test
    void refusesDeepNesting() {
        String text = HEAD + "    deep: " + "[".repeat(60) + "]".repeat(60) + "\n";

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text, "deep.yml"));

        assertThat(failure.errors()).containsExactly(
                new FieldError("", "the manifest nests maps and lists more than 50 levels deep", 0));
    }

    @Test
    void refusesAFiftyMegabyteFileBeforeReadingIt(@TempDir Path directory) throws IOException {
        Path huge = directory.resolve("manifest.yml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(huge));

        assertThat(failure.source()).isEqualTo(huge.toString());
        assertThat(failure.errors()).containsExactly(new FieldError("",
                "the manifest is 52428800 bytes; a manifest may have at most 1048576 bytes (1 MiB)", 0));
    }

    @Test
    void readsNoMoreOfAStreamThanTheLimitAndOneByte() {
        EndlessStream endless = new EndlessStream();

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(endless, "upload"));

        assertThat(failure.errors()).singleElement().extracting(FieldError::message).asString()
                .isEqualTo("the manifest is more than 1048576 bytes; a manifest may have at most 1048576 bytes (1 MiB)");
        assertThat(endless.served).isEqualTo(ManifestReader.MAX_BYTES + 1L);
    }

    @Test
    void refusesTooLongAText() {
        String text = "#".repeat(ManifestReader.MAX_BYTES + 1);

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(text, "long.yml"));

        assertThat(failure.errors()).singleElement().extracting(FieldError::message).asString()
                .startsWith("the manifest is 1048577 characters;");
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        byte[] latin1 = "manifest: {format: 1}\napplication: {name: caf\u00e9}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(new ByteArrayInputStream(latin1), "latin1.yml"));

        assertThat(failure.errors()).containsExactly(
                new FieldError("", "the manifest is not UTF-8 text; save it as UTF-8", 0));
    }

    @Test
    void namesAMissingFile(@TempDir Path directory) {
        Path missing = directory.resolve("manifest.yml");

        PaasmakerException failure = catchThrowableOfType(PaasmakerException.class, () -> reader.read(missing));

        assertThat(failure).isNotInstanceOf(InvalidManifestException.class);
        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failure.getMessage())
                .isEqualTo("cannot read the manifest '" + missing + "': there is no such file");
    }

    @Test
    void saysADirectoryIsNotAManifest(@TempDir Path directory) {
        PaasmakerException failure = catchThrowableOfType(PaasmakerException.class, () -> reader.read(directory));

        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(failure.getMessage()).isEqualTo("cannot read the manifest '" + directory
                + "': it is a directory; give the path of the manifest file in it, such as "
                + directory.resolve("manifest.yml"));
    }

    @Test
    void constructsNothingFromAJavaTypeTag(@TempDir Path directory) throws IOException {
        Path marker = directory.resolve("created");
        String text = HEAD + "    x: !!java.io.FileOutputStream [" + marker + "]\n";

        catchThrowableOfType(InvalidManifestException.class, () -> reader.read(text, "tagged.yml"));

        assertThat(Files.exists(marker)).isFalse();
    }

    /** Serves the byte 'a' for ever, counting how many it served. */
    private static final class EndlessStream extends InputStream {

        private long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'a');
            served += length;
            return length;
        }
    }
}
