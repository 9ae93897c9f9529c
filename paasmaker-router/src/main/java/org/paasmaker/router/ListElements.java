package org.paasmaker.router;

import io.netty.buffer.ByteBuf;

/**
 * Walks a comma-separated header value in place (Connection, Transfer-Encoding), each element
 * without the spaces around it. One per scan, reused: a walk allocates nothing.
 */
final class ListElements {

    private ByteBuf in;
    private int next;
    private int end;
    /** The current element: {@code [from, to)}, empty for an empty element. */
    int from;
    int to;

    void walk(ByteBuf value, int start, int stop) {
        in = value;
        next = start;
        end = stop;
    }

    /** Moves to the next element; false when there is none. */
    boolean next() {
        if (next > end) {
            return false;
        }
        int comma = in.indexOf(next, end, (byte) ',');
        int elementEnd = comma < 0 ? end : comma;
        from = next;
        to = elementEnd;
        trim();
        next = elementEnd + 1;
        return true;
    }

    /** Ends the current element before {@code b} (a transfer coding's parameters after {@code ;}). */
    void cutAt(byte b) {
        int at = in.indexOf(from, to, b);
        if (at >= 0) {
            to = at;
            trim();
        }
    }

    boolean isEmpty() {
        return to == from;
    }

    /** Whether the element is {@code lowerCase}, in any case. */
    boolean is(String lowerCase) {
        return to - from == lowerCase.length() && HeadBytes.is(in, from, lowerCase);
    }

    private void trim() {
        while (from < to && HeadBytes.isSpace(in.getByte(from))) {
            from++;
        }
        while (to > from && HeadBytes.isSpace(in.getByte(to - 1))) {
            to--;
        }
    }
}
