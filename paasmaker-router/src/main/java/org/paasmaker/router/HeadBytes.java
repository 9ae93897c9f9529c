package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 heads as bytes, for the byte relay: the grammar's character classes and line ends that
 * {@link RequestHeadScan}, {@link ResponseHeadScan} and {@link ChunkedBodyScan} read them with, and the
 * bytes {@link ByteRelayHandler} and {@link RelayedResponse} write them with.
 */
final class HeadBytes {

    /** From {@link #findHeadEnd}: a line ends otherwise than in CRLF before the head's end. */
    static final int BAD_LINE_END = -2;
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

    /**
     * Index after the blank line that ends the head, -1 when there is none before {@code limit}, or
     * {@link #BAD_LINE_END} at an LF without its CR, or a line that starts with a CR and no LF, before
     * the end. Nothing after the head's end is looked at: it may be a body.
     */
    static int findHeadEnd(ByteBuf in, int from, int limit) {
        int lf = in.indexOf(from, limit, (byte) '\n');
        while (lf >= 0) {
            if (lf == from || in.getByte(lf - 1) != '\r') {
                return BAD_LINE_END;
            }
            if (lf + 2 < limit && in.getByte(lf + 1) == '\r') {
                if (in.getByte(lf + 2) == '\n') {
                    return lf + 3;
                }
                return BAD_LINE_END;
            }
            lf = in.indexOf(lf + 1, limit, (byte) '\n');
        }
        return -1;
    }

    /** Index of the CR of the line's CRLF; -1 for a bare LF (the codec's path decides about those). */
    static int crlf(ByteBuf in, int from) {
        int lf = in.indexOf(from, in.writerIndex(), (byte) '\n');
        return lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : -1;
    }

    /** Whether the bytes at {@code at} spell {@code lowerCase}, in any case. */
    static boolean is(ByteBuf in, int at, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            byte b = in.getByte(at + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A control character other than HTAB: no value, reason phrase or trailer may hold one. */
    static boolean isControl(byte b) {
        return (b >= 0 && b < ' ' && b != '\t') || b == 0x7f;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** RFC 9110's tchar. */
    static boolean isTokenChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '!' || b == '#'
                || b == '$' || b == '%' || b == '&' || b == '\'' || b == '*' || b == '+' || b == '-' || b == '.'
                || b == '^' || b == '_' || b == '`' || b == '|' || b == '~';
    }

    /**
     * Whether the header named at {@code name} ({@code length} bytes) concerns one connection only and
     * never passes on (RFC 9110, 7.6.1), in a request or a response: TE, Keep-Alive, Proxy-Connection,
     * Proxy-Authenticate, Proxy-Authorization. Connection and Upgrade, which say more, each scan reads itself.
     */
    static boolean isHopByHop(ByteBuf in, int name, int length) {
        return switch (length) {
            case 2 -> is(in, name, "te");
            case 10 -> is(in, name, "keep-alive");
            case 16 -> is(in, name, "proxy-connection");
            case 18 -> is(in, name, "proxy-authenticate");
            case 19 -> is(in, name, "proxy-authorization");
            default -> false;
        };
    }
}
