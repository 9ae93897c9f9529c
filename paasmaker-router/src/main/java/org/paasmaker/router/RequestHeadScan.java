package org.paasmaker.router;

import static org.paasmaker.router.HeadBytes.BAD_LINE_END;
import static org.paasmaker.router.HeadBytes.crlf;
import static org.paasmaker.router.HeadBytes.findHeadEnd;
import static org.paasmaker.router.HeadBytes.is;
import static org.paasmaker.router.HeadBytes.isHopByHop;
import static org.paasmaker.router.HeadBytes.isTokenChar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.1 request head in place, and says whether {@link ByteRelayHandler} may pass it on as
 * bytes. Only the plainest requests qualify: origin-form target, HTTP/1.1, CRLF line ends, no body and
 * no framing header (Content-Length, Transfer-Encoding), no Upgrade or Expect, one Host, a Connection
 * header naming only {@code keep-alive} or {@code close}, every header name a token and every value
 * free of control characters, the request line within {@link #MAX_REQUEST_LINE} bytes, the whole
 * head within {@link #MAX_HEAD} bytes and nothing after it.
 * Anything else goes to Netty's codec and {@link FrontendHandler}, which answer errors, bodies,
 * upgrades and oddities as before: a request this class has a doubt about is never relayed.
 *
 * <p>One per connection, reused: a scan allocates only the strings the access log and the routing need.
 */
final class RequestHeadScan {

    enum Verdict { NEED_MORE, RELAY, HAND_OVER }

    /** Netty's decoder allows 4 KiB of request line and 8 KiB of headers; a longer head is its to refuse. */
    static final int MAX_HEAD = 8192;
    /** Netty's decoder answers 400 to a longer request line (its default maxInitialLineLength, its CRLF not counted). */
    static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_DROPPED = 16;
    private static final byte[] VERSION = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    private static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

    /** Index after the head's blank line. */
    int end;
    int lineEnd;
    String method;
    String uri;
    String host;
    boolean keepAlive;
    /** The value of the client's X-Forwarded-For, to be extended; start < 0 when it sent none. */
    int forwardedForStart;
    int forwardedForEnd;
    /** Start and end (after its CRLF) of each header line not passed on: hop-by-hop and X-Forwarded-*. */
    final int[] dropped = new int[MAX_DROPPED * 2];
    int droppedCount;
    private final ListElements elements = new ListElements();
    private final HeaderLines lines = new HeaderLines();

    /** @param secure whether the client came over TLS: a plain request for an ACME challenge is answered by the router */
    Verdict scan(ByteBuf in, boolean secure) {
        int start = in.readerIndex();
        int limit = in.writerIndex();
        int headEnd = findHeadEnd(in, start, Math.min(limit, start + MAX_HEAD));
        if (headEnd == BAD_LINE_END) {
            // Such a head never ends in a CRLF blank line: waiting for one would leave the client unanswered.
            return Verdict.HAND_OVER;
        }
        if (headEnd < 0) {
            return limit - start >= MAX_HEAD ? Verdict.HAND_OVER : Verdict.NEED_MORE;
        }
        if (headEnd != limit) {
            // A body or a pipelined request follows: the codec's path frames them.
            return Verdict.HAND_OVER;
        }
        end = headEnd;
        host = null;
        keepAlive = true;
        forwardedForStart = -1;
        droppedCount = 0;
        return requestLine(in, start, secure) && headers(in) ? Verdict.RELAY : Verdict.HAND_OVER;
    }

    private boolean requestLine(ByteBuf in, int start, boolean secure) {
        lineEnd = crlf(in, start);
        if (lineEnd < 0 || lineEnd - start > MAX_REQUEST_LINE) {
            return false;
        }
        int methodEnd = start;
        while (methodEnd < lineEnd && isTokenChar(in.getByte(methodEnd))) {
            methodEnd++;
        }
        if (methodEnd == start || methodEnd >= lineEnd || in.getByte(methodEnd) != ' ') {
            return false;
        }
        int targetStart = methodEnd + 1;
        int targetEnd = targetStart;
        while (targetEnd < lineEnd && in.getByte(targetEnd) > ' ' && in.getByte(targetEnd) < 0x7f) {
            targetEnd++;
        }
        if (targetEnd == targetStart || in.getByte(targetStart) != '/' || targetEnd >= lineEnd || in.getByte(targetEnd) != ' '
                || lineEnd - targetEnd - 1 != VERSION.length) {
            return false;
        }
        for (int i = 0; i < VERSION.length; i++) {
            if (in.getByte(targetEnd + 1 + i) != VERSION[i]) {
                return false;
            }
        }
        method = in.toString(start, methodEnd - start, StandardCharsets.US_ASCII);
        uri = in.toString(targetStart, targetEnd - targetStart, StandardCharsets.US_ASCII);
        return secure || !uri.startsWith(CHALLENGE_PATH);
    }

    private boolean headers(ByteBuf in) {
        lines.walk(in, lineEnd + 2, end);
        while (lines.next()) {
            if (!header(in, lines.name, lines.colon, lines.valueStart, lines.valueEnd, lines.stop)) {
                return false;
            }
        }
        // A malformed line (a space before the colon, folding, a bare CR): the codec's path decides.
        return !lines.malformed && host != null;
    }

    /** @return false when the header makes the request one for the codec's path */
    private boolean header(ByteBuf in, int name, int colon, int valueStart, int valueEnd, int lineStop) {
        if (isHopByHop(in, name, colon - name)) {
            return drop(name, lineStop);
        }
        switch (colon - name) {
            case 4:
                if (is(in, name, "host")) {
                    if (host != null || valueStart == valueEnd) {
                        return false;
                    }
                    for (int i = valueStart; i < valueEnd; i++) {
                        if (in.getByte(i) < 0) {
                            // As a String it would not be the bytes: routed, logged and forwarded otherwise
                            // than on the codec's path, which keeps them (ISO-8859-1).
                            return false;
                        }
                    }
                    host = in.toString(valueStart, valueEnd - valueStart, StandardCharsets.US_ASCII);
                    return HostMatcher.nameEnd(host) > 0;
                }
                return true;
            case 6:
                return !is(in, name, "expect");
            case 7:
                return !is(in, name, "upgrade");
            case 10:
                return !is(in, name, "connection") || (connectionTokens(in, valueStart, valueEnd) && drop(name, lineStop));
            case 14:
                return !is(in, name, "content-length");
            case 15:
                if (is(in, name, "x-forwarded-for")) {
                    if (forwardedForStart >= 0) {
                        return false;
                    }
                    forwardedForStart = valueStart;
                    forwardedForEnd = valueEnd;
                    return drop(name, lineStop);
                }
                return true;
            case 16:
                return !(is(in, name, "x-forwarded-host") || is(in, name, "x-forwarded-port")) || drop(name, lineStop);
            case 17:
                if (is(in, name, "transfer-encoding")) {
                    return false;
                }
                return !is(in, name, "x-forwarded-proto") || drop(name, lineStop);
            default:
                return true;
        }
    }

    /** Only the two tokens that name no header: any other would name a header to remove, left to the codec's path. */
    private boolean connectionTokens(ByteBuf in, int start, int end) {
        elements.walk(in, start, end);
        while (elements.next()) {
            if (elements.is("close")) {
                keepAlive = false;
            } else if (!elements.isEmpty() && !elements.is("keep-alive")) {
                return false;
            }
        }
        return true;
    }

    private boolean drop(int start, int stop) {
        if (droppedCount == MAX_DROPPED) {
            return false;
        }
        dropped[droppedCount * 2] = start;
        dropped[droppedCount * 2 + 1] = stop;
        droppedCount++;
        return true;
    }
}
