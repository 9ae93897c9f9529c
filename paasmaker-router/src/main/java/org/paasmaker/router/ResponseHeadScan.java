package org.paasmaker.router;

import static org.paasmaker.router.HeadBytes.crlf;
import static org.paasmaker.router.HeadBytes.is;
import static org.paasmaker.router.HeadBytes.isHopByHop;
import static org.paasmaker.router.HeadBytes.isControl;
import static org.paasmaker.router.HeadBytes.isSpace;

import io.netty.buffer.ByteBuf;

/**
 * Reads an instance's response head in place for {@link ByteRelayHandler}: the status, how the body
 * is framed, whether the instance keeps the connection, and which lines do not pass on (the hop-by-hop
 * headers, those the Connection header names but for the framing ones, a Content-Length beside a
 * Transfer-Encoding). A head
 * that is not plain HTTP/1.x with CRLF line ends, token names and values free of control characters
 * is {@link Verdict#BAD}: the client gets a 502, as when the codec's path cannot decode a response.
 */
final class ResponseHeadScan {

    enum Verdict { NEED_MORE, OK, BAD }

    /** As much as Netty's decoder allows a response's status line and headers together. */
    static final int MAX_HEAD = 4096 + 8192;
    private static final int MAX_DROPPED = 16;
    private static final int MAX_LISTED = 4;

    int end;
    int status;
    /** Where the status line's version ends (the client gets the router's own, HTTP/1.1). */
    int versionEnd;
    int lineEnd;
    boolean keepAlive;
    /** The Content-Length, -1 when there is none. */
    long contentLength;
    boolean chunked;
    final int[] dropped = new int[MAX_DROPPED * 2];
    int droppedCount;
    private final int[] listed = new int[MAX_LISTED * 2];
    private final ListElements elements = new ListElements();
    private final HeaderLines lines = new HeaderLines();
    private int listedCount;
    private boolean closeAsked;
    private boolean keepAliveAsked;

    Verdict scan(ByteBuf in) {
        int start = in.readerIndex();
        int limit = in.writerIndex();
        int headEnd = HeadBytes.findHeadEnd(in, start, Math.min(limit, start + MAX_HEAD));
        if (headEnd == HeadBytes.BAD_LINE_END) {
            // Never a CRLF blank line to wait for: the instance would hold the client until it closes.
            return Verdict.BAD;
        }
        if (headEnd < 0) {
            return limit - start >= MAX_HEAD ? Verdict.BAD : Verdict.NEED_MORE;
        }
        end = headEnd;
        contentLength = -1;
        chunked = false;
        droppedCount = 0;
        listedCount = 0;
        closeAsked = false;
        keepAliveAsked = false;
        if (!statusLine(in, start) || !headers(in)) {
            return Verdict.BAD;
        }
        // "close" ends the connection wherever it stands (RFC 9112, 9.6), as HttpUtil.isKeepAlive has it on the codec's path.
        keepAlive = !closeAsked && (keepAlive || keepAliveAsked);
        return Verdict.OK;
    }

    /** Whether the body ends only when the instance closes the connection. */
    boolean closeDelimited() {
        return !chunked && contentLength < 0;
    }

    private boolean statusLine(ByteBuf in, int start) {
        lineEnd = crlf(in, start);
        // "HTTP/1.x 200" at least; the reason phrase may be empty.
        if (lineEnd < start + 12 || !is(in, start, "http/1.") || in.getByte(start + 8) != ' ') {
            return false;
        }
        byte minor = in.getByte(start + 7);
        if (minor != '0' && minor != '1') {
            return false;
        }
        keepAlive = minor == '1';
        versionEnd = start + 8;
        status = 0;
        for (int i = start + 9; i < start + 12; i++) {
            byte digit = in.getByte(i);
            if (digit < '0' || digit > '9') {
                return false;
            }
            status = status * 10 + digit - '0';
        }
        if (status < 100 || (lineEnd != start + 12 && in.getByte(start + 12) != ' ')) {
            return false;
        }
        // The reason phrase passes on as it is: a bare CR in it would end the line for some clients.
        for (int i = start + 13; i < lineEnd; i++) {
            if (isControl(in.getByte(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean headers(ByteBuf in) {
        lines.walk(in, lineEnd + 2, end);
        while (lines.next()) {
            if (!header(in, lines.name, lines.colon, lines.valueStart, lines.valueEnd, lines.stop)) {
                return false;
            }
        }
        if (lines.malformed) {
            return false;
        }
        if (listedCount > 0) {
            // A second pass drops what the Connection header named, once it is known.
            lines.walk(in, lineEnd + 2, end);
            while (lines.next()) {
                if (isListed(in, lines.name, lines.colon) && !drop(lines.name, lines.stop)) {
                    return false;
                }
            }
        }
        if (chunked && contentLength >= 0) {
            // Transfer-Encoding wins (RFC 9112, 6.3), and the length must not pass on beside it.
            contentLength = -1;
            return dropAll(in, "content-length");
        }
        return true;
    }

    private boolean header(ByteBuf in, int name, int colon, int valueStart, int valueEnd, int next) {
        if (isHopByHop(in, name, colon - name)) {
            return drop(name, next);
        }
        switch (colon - name) {
            case 7:
                return !is(in, name, "upgrade") || drop(name, next);
            case 10:
                return !is(in, name, "connection") || (connectionTokens(in, valueStart, valueEnd) && drop(name, next));
            case 14:
                return !is(in, name, "content-length") || contentLength(in, valueStart, valueEnd);
            case 17:
                return !is(in, name, "transfer-encoding") || transferEncoding(in, valueStart, valueEnd);
            default:
                return true;
        }
    }

    private boolean contentLength(ByteBuf in, int start, int end) {
        if (start == end || end - start > 18) {
            return false;
        }
        long length = 0;
        for (int i = start; i < end; i++) {
            byte digit = in.getByte(i);
            if (digit < '0' || digit > '9') {
                return false;
            }
            length = length * 10 + digit - '0';
        }
        // Two lengths that differ leave the body's end unknown (RFC 9112, 6.3): refused, as smuggling would use it.
        if (contentLength >= 0 && contentLength != length) {
            return false;
        }
        contentLength = length;
        return true;
    }

    /**
     * Chunked, as the last coding, is the only framing relayed; a body in another transfer coding ends
     * when the connection closes, and the client would have to be told with that coding kept, which no
     * instance needs: refused rather than guessed.
     */
    private boolean transferEncoding(ByteBuf in, int start, int end) {
        if (chunked || end - start < 7 || !is(in, end - 7, "chunked")) {
            return false;
        }
        int before = end - 7;
        while (before > start && isSpace(in.getByte(before - 1))) {
            before--;
        }
        if (before > start && in.getByte(before - 1) != ',') {
            return false;
        }
        // Chunked once only (RFC 9112, 6.1): chunks within chunks would reach the client as data.
        if (before > start) {
            elements.walk(in, start, before - 1);
            while (elements.next()) {
                elements.cutAt((byte) ';');
                if (elements.is("chunked")) {
                    return false;
                }
            }
        }
        chunked = true;
        return true;
    }

    private boolean connectionTokens(ByteBuf in, int start, int end) {
        elements.walk(in, start, end);
        while (elements.next()) {
            if (elements.is("close")) {
                closeAsked = true;
            } else if (elements.is("keep-alive")) {
                keepAliveAsked = true;
            } else if (!elements.isEmpty() && !elements.is("upgrade") && !elements.is("content-length")
                    && !elements.is("transfer-encoding")) {
                // The framing lines stay whatever Connection says: the body passes on framed as they
                // tell, and the codec's path, which drops them, frames the body anew.
                if (listedCount == MAX_LISTED) {
                    return false;
                }
                listed[listedCount * 2] = elements.from;
                listed[listedCount * 2 + 1] = elements.to;
                listedCount++;
            }
        }
        return true;
    }

    private boolean isListed(ByteBuf in, int name, int colon) {
        for (int i = 0; i < listedCount; i++) {
            int from = listed[i * 2];
            int length = listed[i * 2 + 1] - from;
            if (length == colon - name && sameIgnoringCase(in, from, name, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean dropAll(ByteBuf in, String lowerCaseName) {
        lines.walk(in, lineEnd + 2, end);
        while (lines.next()) {
            if (lines.colon - lines.name == lowerCaseName.length() && is(in, lines.name, lowerCaseName)
                    && !drop(lines.name, lines.stop)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringCase(ByteBuf in, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            int x = in.getByte(a + i);
            int y = in.getByte(b + i);
            if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != (y >= 'A' && y <= 'Z' ? y + 32 : y)) {
                return false;
            }
        }
        return true;
    }

    private boolean drop(int start, int stop) {
        for (int i = 0; i < droppedCount; i++) {
            if (dropped[i * 2] == start) {
                return true;
            }
        }
        if (droppedCount == MAX_DROPPED) {
            return false;
        }
        dropped[droppedCount * 2] = start;
        dropped[droppedCount * 2 + 1] = stop;
        droppedCount++;
        return true;
    }
}
