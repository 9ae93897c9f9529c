package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {

    private static final int BLOCK = ParallelGzipOutputStream.BLOCK_SIZE;

    @TempDir
    Path dir;

    @BeforeEach
    void noCompressionThreadsLeftFromElsewhere() {
        awaitNoCompressionThreads();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 7 * BLOCK + 12_345})
    void gzipInputStreamReadsBackExactlyWhatWasWritten(int size) throws IOException {
        byte[] data = TestData.text(size, size);

        byte[] compressed = compress(data, new CompressionSettings(6, 3));

        assertThat(gunzip(compressed)).isEqualTo(data);
    }

    @Test
    void gzipToolTestsAndDecompressesTheStreamToTheSameBytes() throws Exception {
        byte[] data = mixed();
        Path file = dir.resolve("data.gz");
        Files.write(file, compress(data, new CompressionSettings(6, 2)));

        assertThat(Processes.run(dir, "gzip", "-t", "data.gz").exitCode()).isZero();
        Processes.Result decompressed = Processes.run(dir, "gzip", "-dc", "data.gz");

        assertThat(decompressed.exitCode()).isZero();
        assertThat(decompressed.stdout()).isEqualTo(data);
    }

    @Test
    void writingByteByByteGivesTheSameStreamAsWritingInBulk() throws IOException {
        byte[] data = TestData.text(BLOCK + 999, 7);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(single, new CompressionSettings(6, 2))) {
            for (byte b : data) {
                gzip.write(b);
            }
        }

        assertThat(single.toByteArray()).isEqualTo(compress(data, new CompressionSettings(6, 2)));
    }

    @Test
    void theThreadCountDoesNotChangeTheBytes() throws IOException {
        byte[] data = mixed();

        byte[] one = compress(data, new CompressionSettings(6, 1));

        assertThat(compress(data, new CompressionSettings(6, 2))).isEqualTo(one);
        assertThat(compress(data, new CompressionSettings(6, 5))).isEqualTo(one);
    }

    @Test
    void textCompressesAlmostAsWellAsGzipAtTheSameLevel() throws Exception {
        byte[] data = TestData.text(4 * 1024 * 1024, 11);
        Files.write(dir.resolve("text"), data);

        int ours = compress(data, new CompressionSettings(6, 2)).length;
        int gzips = Processes.run(dir, "gzip", "-6", "-c", "text").stdout().length;

        // Blocks primed with the 32 KiB before them lose almost nothing to one single stream.
        assertThat((double) ours).isLessThan(gzips * 1.01);
    }

    @Test
    void randomBytesAreStoredWithAlmostNoOverhead() throws IOException {
        byte[] data = TestData.random(3 * BLOCK + 5, 3);

        byte[] compressed = compress(data, new CompressionSettings(6, 2));

        assertThat(compressed.length).isLessThan(data.length + data.length / 1000 + 64);
        assertThat(gunzip(compressed)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9})
    void everyLevelGivesAStandardStream(int level) throws IOException {
        byte[] data = mixed();

        assertThat(gunzip(compress(data, new CompressionSettings(level, 2)))).isEqualTo(data);
    }

    @Test
    void closingStopsTheCompressionThreads() throws IOException {
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(OutputStream.nullOutputStream(),
                new CompressionSettings(6, 3))) {
            gzip.write(TestData.text(5 * BLOCK, 1));
            assertThat(compressionThreads()).isPositive();
        }

        awaitNoCompressionThreads();
    }

    @Test
    void aFailingDestinationFailsTheWriteAndClosingStillStopsTheThreads() throws IOException {
        OutputStream failing = new OutputStream() {
            private int writes;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (++writes > 2) {
                    throw new IOException("disk full");
                }
            }
        };
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(failing, new CompressionSettings(6, 2));

        assertThatThrownBy(() -> {
            for (int i = 0; i < 40; i++) {
                gzip.write(TestData.random(BLOCK, i));
            }
        }).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> gzip.write(1)).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
        gzip.close();

        awaitNoCompressionThreads();
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(OutputStream.nullOutputStream(), new CompressionSettings(6, 1));
        gzip.close();

        assertThatThrownBy(() -> gzip.write(new byte[10])).isInstanceOf(IOException.class).hasMessage("the gzip stream is closed");
    }

    private static byte[] mixed() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(TestData.text(3 * BLOCK + 17, 1));
        data.writeBytes(TestData.random(2 * BLOCK + 3, 2));
        data.writeBytes(TestData.text(BLOCK / 3, 3));
        return data.toByteArray();
    }

    private static byte[] compress(byte[] data, CompressionSettings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(out, settings)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static long compressionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ParallelGzipOutputStream.THREAD_NAME_PREFIX))
                .count();
    }

    static void awaitNoCompressionThreads() {
        await().atMost(Duration.ofSeconds(10)).until(() -> compressionThreads() == 0);
    }
}
