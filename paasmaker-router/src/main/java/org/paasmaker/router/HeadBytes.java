package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bytes {@link ByteRelayHandler} and {@link RelayedResponse} write heads with. */
final class HeadBytes {

    static final byte[] CRLF = bytes("\r\n");
    static final byte[] HTTP_1_1 = bytes("HTTP/1.1");
    static final byte[] CONNECTION_CLOSE = bytes("Connection: close\r\n");

    private HeadBytes() {
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** Copies {@code [from, to)} of {@code in} to {@code out} without the given ranges (start and end pairs). */
    static void copyWithout(ByteBuf in, int from, int to, int[] ranges, int count, ByteBuf out) {
        // Insertion sort: a handful of ranges, most often none or one, found in order but for the odd one.
        for (int i = 1; i < count; i++) {
            int start = ranges[i * 2];
            int end = ranges[i * 2 + 1];
            int j = i - 1;
            while (j >= 0 && ranges[j * 2] > start) {
                ranges[(j + 1) * 2] = ranges[j * 2];
                ranges[(j + 1) * 2 + 1] = ranges[j * 2 + 1];
                j--;
            }
            ranges[(j + 1) * 2] = start;
            ranges[(j + 1) * 2 + 1] = end;
        }
        int at = from;
        for (int i = 0; i < count; i++) {
            out.writeBytes(in, at, ranges[i * 2] - at);
            at = ranges[i * 2 + 1];
        }
        out.writeBytes(in, at, to - at);
    }

    /** A page the router answers itself ({@link ErrorPages}), as the bytes of an HTTP/1.1 response; the page is released. */
    static ByteBuf encode(FullHttpResponse page, boolean close, ByteBufAllocator allocator) {
        ByteBuf out = allocator.directBuffer(256 + page.content().readableBytes());
        out.writeBytes(HTTP_1_1).writeByte(' ').writeCharSequence(page.status().toString(), StandardCharsets.US_ASCII);
        out.writeBytes(CRLF);
        for (Map.Entry<String, String> header : page.headers()) {
            out.writeCharSequence(header.getKey(), StandardCharsets.US_ASCII);
            out.writeByte(':').writeByte(' ').writeCharSequence(header.getValue(), StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        }
        if (close) {
            out.writeBytes(CONNECTION_CLOSE);
        }
        out.writeBytes(CRLF).writeBytes(page.content());
        page.release();
        return out;
    }
}
