package org.paasmaker.engine.routing;

import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.Route;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.process.ProcessGroupKiller;
import org.paasmaker.router.Closer;
import org.paasmaker.router.RawHttp;
import org.paasmaker.router.TestBackend;
import org.paasmaker.engine.process.ProcessRecord;
import org.paasmaker.engine.process.ProcessRecords;

/**
 * A body far larger than the router's heap streams through it both ways at once: the router runs as
 * its own process with {@code -Xmx64m}, and the instance echoes the upload back as it reads it.
 * {@code -Drouter.streaming.bytes=N} changes the size (1 GiB by default).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RouterStreamingTest {

    private static final long BYTES = Long.getLong("router.streaming.bytes", 1L << 30);
    private static final int PIECE = 64 * 1024;

    @TempDir
    Path state;

    private final Closer closer = new Closer();

    @AfterEach
    void stopEverything() throws Exception {
        try {
            closer.close();
        } finally {
            for (ProcessRecord record : new ProcessRecords(state.resolve("process"), System.err::println).adoptable()) {
                new ProcessGroupKiller().stop(record.identity(), Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aGigabyteGoesUpAndComesBackDownThroughARouterWith64MegabytesOfHeap() throws Exception {
        TestBackend backend = closer.add(TestBackend.start("echo"));
        RouterProcess router = RouterProcess.startOrAdopt(new RouterProcessSettings(state, 0,
                List.of("--bind=127.0.0.1"), List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                Duration.ofSeconds(60), System.err::println, TestRouterCode.classPath()));
        router.update(RoutingTable.of(1, List.of(Route.of("app.com", List.of(backend.target("app", 1))))));
        RawHttp http = closer.add(new RawHttp(router.port()));

        CompletableFuture<Long> uploaded = CompletableFuture.supplyAsync(() -> upload(http.output()));
        CRC32 received = new CRC32();
        long[] response = http.streamChunkedBody(received);

        assertThat(response[0]).isEqualTo(200);
        assertThat(response[1]).isEqualTo(BYTES);
        assertThat(received.getValue()).isEqualTo(uploaded.get(60, TimeUnit.SECONDS));
        assertThat(router.statistics().instances()).singleElement()
                .satisfies(instance -> assertThat(instance.traffic().bytes()).isEqualTo(BYTES));
        assertThat(Files.readString(router.logFile())).doesNotContain("OutOfMemoryError");
    }

    /** Sends the body in chunks of varied bytes; returns their CRC-32. */
    private static long upload(OutputStream out) {
        CRC32 sent = new CRC32();
        byte[] piece = new byte[PIECE];
        try {
            out.write("POST /echo HTTP/1.1\r\nHost: app.com\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] size = (Integer.toHexString(PIECE) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
            for (long offset = 0; offset < BYTES; offset += PIECE) {
                int length = (int) Math.min(PIECE, BYTES - offset);
                for (int i = 0; i < length; i += 8) {
                    long value = (offset + i) * 0x9E3779B97F4A7C15L;
                    for (int b = 0; b < 8 && i + b < length; b++) {
                        piece[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                sent.update(piece, 0, length);
                out.write(length == PIECE ? size : (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece, 0, length);
                out.write(end);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return sent.getValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
