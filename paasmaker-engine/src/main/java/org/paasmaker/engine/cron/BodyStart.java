package org.paasmaker.engine.cron;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse;

/**
 * Reads a whole response body but keeps only its start, as text. Reading to the end lets the
 * endpoint finish its answer normally; keeping the start bounds the memory a chatty endpoint takes.
 */
final class BodyStart implements HttpResponse.BodySubscriber<String> {

    // A UTF-8 character has up to 4 bytes: the byte after the cut tells whether one straddles it.
    private static final int LOOKAHEAD = 3;

    private final int maxBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> text = new CompletableFuture<>();

    BodyStart(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int length = Math.min(buffer.remaining(), maxBytes + LOOKAHEAD - kept.size());
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            kept.write(bytes, 0, length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        text.complete(decode(kept.toByteArray(), maxBytes));
    }

    /** The first {@code maxBytes} at most, cut before a character rather than inside one. */
    static String decode(byte[] bytes, int maxBytes) {
        int end = Math.min(bytes.length, maxBytes);
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
