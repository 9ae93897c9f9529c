package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    @Test
    void readsTheSourceWholeAndInOrder() throws IOException {
        byte[] data = TestData.random(1_000_003, 1);

        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 4096, 3)) {
            assertThat(in.read()).isEqualTo(data[0] & 0xff);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1, data.length));
            assertThat(in.read()).isEqualTo(-1);
        }

        awaitNoReadAheadThread();
    }

    @Test
    void theSourcesFailureReachesTheReaderEveryTime() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("bad sector");
            }
        };

        try (InputStream in = new ReadAheadInputStream(failing, 4096, 2)) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("bad sector");
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("bad sector");
        }

        awaitNoReadAheadThread();
    }

    @Test
    void closingHalfWayStopsTheThreadAndClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 7;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        InputStream in = new ReadAheadInputStream(endless, 1024, 2);
        assertThat(in.readNBytes(5000)).hasSize(5000);
        in.close();

        assertThat(closed[0]).isTrue();
        awaitNoReadAheadThread();
    }

    @Test
    void closingNeverInterruptsTheReadingThreadBecauseThatClosesFileChannels() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        InputStream blocking = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                return length;
            }
        };
        InputStream in = new ReadAheadInputStream(blocking, 1024, 2);
        reading.await();

        Thread closer = new Thread(() -> {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        closer.start();
        // The closer waits for the read in progress; only then does the read return.
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.WAITING);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !closer.isAlive());

        assertThat(interrupted).isFalse();
        awaitNoReadAheadThread();
    }

    private static void awaitNoReadAheadThread() {
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(ReadAheadInputStream.THREAD_NAME)));
    }
}
