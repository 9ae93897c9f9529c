package org.paasmaker.router;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * One access log entry as its JSON line, encoded straight into UTF-8 bytes: the writer thread
 * formats every request, and building a String first, then encoding it through a Writer, copied
 * each line three times (it was a tenth of the router's Java CPU under load). Reused line after line
 * by the one writer thread; the part of the time up to the second is made once per second.
 */
final class AccessLogLine {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[256];
    private int length;
    private long second = Long.MIN_VALUE;
    private byte[] secondPrefix;

    /** Makes this the line of {@code entry}: time, host, method, path (without its query), status, bytes, upstream, duration. */
    AccessLogLine encode(AccessLog.Entry entry) {
        length = 0;
        String uri = entry.uri();
        int query = uri.indexOf('?');
        ascii("{\"time\":\"");
        time(entry.epochMillis());
        ascii("\",\"host\":");
        quoted(entry.host(), entry.host().length());
        ascii(",\"method\":");
        quoted(entry.method(), entry.method().length());
        ascii(",\"path\":");
        quoted(uri, query < 0 ? uri.length() : query);
        ascii(",\"status\":");
        number(entry.status());
        ascii(",\"bytes\":");
        number(entry.bytes());
        ascii(",\"upstream\":");
        quoted(entry.upstream(), entry.upstream().length());
        ascii(",\"durationMicros\":");
        number(entry.durationNanos() / 1000);
        ascii("}\n");
        return this;
    }

    /** The line's length in bytes. */
    int length() {
        return length;
    }

    /** Puts the line into {@code out}, which has room for {@link #length()} bytes. */
    void writeTo(ByteBuffer out) {
        out.put(bytes, 0, length);
    }

    /** ISO-8601 UTC with milliseconds. */
    private void time(long epochMillis) {
        long current = Math.floorDiv(epochMillis, 1000);
        if (current != second) {
            second = current;
            secondPrefix = (DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofEpochSecond(current, 0,
                    ZoneOffset.UTC)) + ".").getBytes(StandardCharsets.US_ASCII);
        }
        int millis = Math.floorMod(epochMillis, 1000);
        room(secondPrefix.length + 4);
        System.arraycopy(secondPrefix, 0, bytes, length, secondPrefix.length);
        length += secondPrefix.length;
        bytes[length++] = (byte) ('0' + millis / 100);
        bytes[length++] = (byte) ('0' + millis / 10 % 10);
        bytes[length++] = (byte) ('0' + millis % 10);
        bytes[length++] = 'Z';
    }

    /** Text known to be ASCII with nothing to escape: this class's own keys and punctuation. */
    private void ascii(String text) {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    /** The first {@code end} characters of {@code text} as a JSON string: quotes, backslashes and controls escaped. */
    private void quoted(String text, int end) {
        // At most six bytes a character (a control, escaped as six), and the two quotes.
        room(end * 6 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    bytes[length++] = '\\';
                }
                bytes[length++] = (byte) c;
            } else if (c < 0x20) {
                bytes[length++] = '\\';
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[c >> 4];
                bytes[length++] = HEX[c & 0xf];
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                bytes[length++] = (byte) (0xf0 | point >> 18);
                bytes[length++] = (byte) (0x80 | point >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | point >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | point & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // Half a pair is no character: '?', as Java's own UTF-8 encoder writes it.
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        bytes[length++] = '"';
    }

    private void number(long value) {
        room(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte swapped = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = swapped;
        }
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
