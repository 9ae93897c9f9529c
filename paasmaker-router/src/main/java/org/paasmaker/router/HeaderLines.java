package org.paasmaker.router;

import static org.paasmaker.router.HeadBytes.crlf;
import static org.paasmaker.router.HeadBytes.isControl;
import static org.paasmaker.router.HeadBytes.isSpace;
import static org.paasmaker.router.HeadBytes.isTokenChar;

import io.netty.buffer.ByteBuf;

/**
 * Walks a head's header lines in place, for both scans: each line a token name, its colon right after
 * it, a value free of control characters but HTAB, and CRLF. A line that is not so (no name, a space
 * before the colon, folding, a bare CR or LF) stops the walk as {@link #malformed}. One per scan,
 * reused: a walk allocates nothing.
 */
final class HeaderLines {

    private ByteBuf in;
    private int next;
    private int blankLine;
    /** The current line: where its name starts, its colon, its value without the spaces around it, and where the next line starts. */
    int name;
    int colon;
    int valueStart;
    int valueEnd;
    int stop;
    /** Whether the walk stopped at a line that is not a header line. */
    boolean malformed;

    /** @param headEnd the index after the head's blank line */
    void walk(ByteBuf head, int firstLine, int headEnd) {
        in = head;
        next = firstLine;
        blankLine = headEnd - 2;
        malformed = false;
    }

    /** Moves to the next line; false at the blank line, or at a malformed line. */
    boolean next() {
        if (next >= blankLine) {
            return false;
        }
        int cr = crlf(in, next);
        int at = next;
        while (cr >= 0 && at < cr && isTokenChar(in.getByte(at))) {
            at++;
        }
        if (cr < 0 || at == next || at == cr || in.getByte(at) != ':') {
            malformed = true;
            return false;
        }
        for (int i = at + 1; i < cr; i++) {
            if (isControl(in.getByte(i))) {
                malformed = true;
                return false;
            }
        }
        name = next;
        colon = at;
        valueStart = at + 1;
        valueEnd = cr;
        while (valueStart < valueEnd && isSpace(in.getByte(valueStart))) {
            valueStart++;
        }
        while (valueEnd > valueStart && isSpace(in.getByte(valueEnd - 1))) {
            valueEnd--;
        }
        stop = cr + 2;
        next = stop;
        return true;
    }
}
