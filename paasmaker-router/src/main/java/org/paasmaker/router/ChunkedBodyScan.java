package org.paasmaker.router;

import io.netty.buffer.ByteBuf;

/**
 * Follows a chunked body (RFC 9112, 7.1) as its bytes pass through unchanged, to find where it ends:
 * the last chunk and the trailer section's blank line. Chunk extensions and trailers pass on as they
 * are. A malformed size line or trailer line is an error: the response cannot be relayed further.
 */
final class ChunkedBodyScan {

    static final int MORE = -1;
    static final int MALFORMED = -2;
    /** Sizes up to 2^60 bytes: sixteen hex digits could overflow a long. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE, SIZE_SPACE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_LINE, TRAILER_LF, END_LF }

    private State state = State.SIZE;
    private long remaining;
    private int digits;
    private long data;

    void reset() {
        state = State.SIZE;
        remaining = 0;
        digits = 0;
        data = 0;
    }

    /** The bytes of the chunks' data seen since {@link #reset}: the body's length without its framing. */
    long data() {
        return data;
    }

    /** @return the index after the body's last byte, {@link #MORE} when it goes on past {@code to}, or {@link #MALFORMED} */
    int advance(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to) {
            if (state == State.DATA) {
                long take = Math.min(remaining, to - i);
                i += (int) take;
                remaining -= take;
                data += take;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            byte b = in.getByte(i++);
            switch (state) {
                case SIZE -> {
                    int value = hex(b);
                    if (value >= 0 && digits < MAX_SIZE_DIGITS) {
                        remaining = remaining * 16 + value;
                        digits++;
                    } else if (digits > 0 && b == ';') {
                        state = State.EXTENSION;
                    } else if (digits > 0 && (b == ' ' || b == '\t')) {
                        state = State.SIZE_SPACE;
                    } else if (digits > 0 && b == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        return MALFORMED;
                    }
                }
                case SIZE_SPACE -> {
                    // Whitespace only before an extension (RFC 9112, 7.1.1's BWS), as Netty's decoder
                    // has it: "5 6" or "5 " is no size a client would agree on.
                    if (b == ';') {
                        state = State.EXTENSION;
                    } else if (b != ' ' && b != '\t') {
                        return MALFORMED;
                    }
                }
                case EXTENSION -> {
                    if (b == '\r') {
                        state = State.SIZE_LF;
                    } else if (HeadBytes.isControl(b)) {
                        return MALFORMED;
                    }
                }
                case SIZE_LF -> {
                    if (b != '\n') {
                        return MALFORMED;
                    }
                    digits = 0;
                    state = remaining == 0 ? State.TRAILER_START : State.DATA;
                }
                case DATA_CR -> {
                    if (b != '\r') {
                        return MALFORMED;
                    }
                    state = State.DATA_LF;
                }
                case DATA_LF -> {
                    if (b != '\n') {
                        return MALFORMED;
                    }
                    state = State.SIZE;
                }
                case TRAILER_START -> {
                    if (b == '\r') {
                        state = State.END_LF;
                    } else if (HeadBytes.isControl(b)) {
                        return MALFORMED;
                    } else {
                        state = State.TRAILER_LINE;
                    }
                }
                // Trailer lines as the head's: CRLF line ends, no other control characters. A bare LF
                // or CR would end a line for one reader and not for another.
                case TRAILER_LINE -> {
                    if (b == '\r') {
                        state = State.TRAILER_LF;
                    } else if (HeadBytes.isControl(b)) {
                        return MALFORMED;
                    }
                }
                case TRAILER_LF -> {
                    if (b != '\n') {
                        return MALFORMED;
                    }
                    state = State.TRAILER_START;
                }
                case END_LF -> {
                    if (b != '\n') {
                        return MALFORMED;
                    }
                    state = State.SIZE;
                    return i;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return MORE;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
