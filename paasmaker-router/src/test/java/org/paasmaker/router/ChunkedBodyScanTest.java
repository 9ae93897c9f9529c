package org.paasmaker.router;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkedBodyScanTest {

    /** The body follows its head in the buffer, as it does when both came in one read. */
    private static final String HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    /** What may follow a body: the next response on a kept connection. */
    private static final String NEXT = "HTTP/1.1 204 No Content\r\n\r\n";

    private final ChunkedBodyScan scan = new ChunkedBodyScan();

    private static ByteBuf buffer(String body) {
        return Unpooled.copiedBuffer(HEAD + body, US_ASCII).readerIndex(HEAD.length());
    }

    /** Where the body ends, counted from its start (MORE and MALFORMED as they are), fed in one call. */
    private int whole(String body) {
        ByteBuf in = buffer(body);
        scan.reset();
        return fromBody(scan.advance(in, in.readerIndex(), in.writerIndex()));
    }

    /** The same, a byte a call: no call may see an end (or an error) before the last byte it was given. */
    private int byteByByte(String body) {
        ByteBuf in = buffer(body);
        scan.reset();
        for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
            int result = scan.advance(in, i, i + 1);
            if (result == ChunkedBodyScan.MALFORMED) {
                return result;
            }
            if (result != ChunkedBodyScan.MORE) {
                assertThat(result).as("an end within the one byte given").isEqualTo(i + 1);
                return fromBody(result);
            }
        }
        return ChunkedBodyScan.MORE;
    }

    /** The same in two calls, split at {@code split} bytes into the body. */
    private int split(String body, int split) {
        ByteBuf in = buffer(body);
        scan.reset();
        int at = in.readerIndex() + split;
        int first = scan.advance(in, in.readerIndex(), at);
        if (first != ChunkedBodyScan.MORE) {
            return fromBody(first);
        }
        return fromBody(scan.advance(in, at, in.writerIndex()));
    }

    private static int fromBody(int index) {
        return index < 0 ? index : index - HEAD.length();
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(named("only the last chunk", "0\r\n\r\n"), 0),
                Arguments.of(named("one chunk", "5\r\nhello\r\n0\r\n\r\n"), 5),
                Arguments.of(named("two chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"), 11),
                Arguments.of(named("upper-case hex", "A\r\n0123456789\r\n1F\r\n" + "x".repeat(31) + "\r\n0\r\n\r\n"), 41),
                Arguments.of(named("lower-case hex", "a\r\n0123456789\r\n1f\r\n" + "x".repeat(31) + "\r\n0\r\n\r\n"), 41),
                Arguments.of(named("leading zeros", "0010\r\n" + "y".repeat(16) + "\r\n000\r\n\r\n"), 16),
                Arguments.of(named("fifteen digits", "000000000000003\r\nabc\r\n0\r\n\r\n"), 3),
                Arguments.of(named("data that looks like framing", "5\r\n0\r\n\r\n\r\n7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n"), 12),
                Arguments.of(named("extensions", "5;name=value\r\nhello\r\n0;last\r\n\r\n"), 5),
                Arguments.of(named("quoted extension", "5;a=\"q;r s\";b\r\nhello\r\n0\r\n\r\n"), 5),
                Arguments.of(named("whitespace before an extension", "5 ;a\r\nhello\r\n3\t\t;b=c\r\nabc\r\n0 ; x\r\n\r\n"), 8),
                Arguments.of(named("trailers", "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nY: z\r\n\r\n"), 5),
                Arguments.of(named("trailer with a tab", "0\r\nX-A:\tb\r\n\r\n"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aWholeBodyEndsAfterItsBlankLine(String body, long data) {
        assertThat(whole(body)).isEqualTo(body.length());
        assertThat(scan.data()).isEqualTo(data);

        assertThat(whole(body + NEXT)).as("with the next response after it").isEqualTo(body.length());
        assertThat(scan.data()).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBodyFedByteByByteEndsAtTheSameIndex(String body, long data) {
        assertThat(byteByByte(body + NEXT)).isEqualTo(body.length());
        assertThat(scan.data()).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBodySplitAnywhereEndsAtTheSameIndex(String body, long data) {
        for (int at = 0; at <= body.length() + NEXT.length(); at++) {
            assertThat(split(body + NEXT, at)).as("split after %d bytes", at).isEqualTo(body.length());
            assertThat(scan.data()).as("split after %d bytes", at).isEqualTo(data);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBodyCutShortNeedsMore(String body, long data) {
        for (int length = 0; length < body.length(); length++) {
            assertThat(whole(body.substring(0, length))).as("the first %d bytes", length).isEqualTo(ChunkedBodyScan.MORE);
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                named("no CRLF after the data", "5\r\nhelloX\r\n0\r\n\r\n"),
                named("bare LF after the data", "5\r\nhello\n0\r\n\r\n"),
                named("bare CR after the data", "5\r\nhello\r0\r\n\r\n"),
                named("another byte for the CR after the data", "5\r\nhello!\n0\r\n\r\n"),
                named("more data than the size", "5\r\nhello!\r\n0\r\n\r\n"),
                named("a letter past f", "g\r\nabc\r\n"),
                named("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n"),
                named("minus sign", "-5\r\nhello\r\n0\r\n\r\n"),
                named("plus sign", "+5\r\nhello\r\n0\r\n\r\n"),
                named("space before the size", " 5\r\nhello\r\n0\r\n\r\n"),
                named("two numbers", "5 6\r\nhello\r\n0\r\n\r\n"),
                named("space after the size and no extension", "5 \r\nhello\r\n0\r\n\r\n"),
                named("an extension without a size", ";a\r\nhello\r\n0\r\n\r\n"),
                named("an empty size line", "\r\nhello\r\n0\r\n\r\n"),
                named("bare LF after the size", "5\nhello\r\n0\r\n\r\n"),
                named("bare LF after an extension", "5;a=b\nhello\r\n0\r\n\r\n"),
                named("bare LF after the last chunk's size", "0\n\r\n"),
                named("CR without LF after the size", "5\rhello\r\n0\r\n\r\n"),
                named("NUL in an extension", "5;a\0b\r\nhello\r\n0\r\n\r\n"),
                named("DEL in an extension", "5;a\u007fb\r\nhello\r\n0\r\n\r\n"),
                named("sixteen digits", "1000000000000000\r\n"),
                named("seventeen digits", "FFFFFFFFFFFFFFFFF\r\n"),
                named("sixteen digits of zeros", "0000000000000005\r\nhello\r\n0\r\n\r\n"),
                named("bare LF as the blank line", "0\r\n\n"),
                named("CR without LF as the blank line", "0\r\n\rX"),
                named("bare LF after a trailer", "0\r\nX-A: b\n\r\n"),
                named("bare CR in a trailer", "0\r\nX-A: b\rc\r\n\r\n"),
                named("NUL in a trailer", "0\r\nX-A: b\0c\r\n\r\n"),
                named("NUL starting a trailer", "0\r\n\0X-A: b\r\n\r\n"),
                named("CR without LF after a trailer", "0\r\nX-A: b\rX-B: c\r\n\r\n"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedBodyIsMalformedHoweverItComes(String body) {
        assertThat(whole(body)).isEqualTo(ChunkedBodyScan.MALFORMED);
        assertThat(byteByByte(body)).isEqualTo(ChunkedBodyScan.MALFORMED);
        for (int at = 0; at <= body.length(); at++) {
            assertThat(split(body, at)).as("split after %d bytes", at).isEqualTo(ChunkedBodyScan.MALFORMED);
        }
    }

    @Test
    void fifteenDigitsOfSizeAreReadAsTheSize() {
        ByteBuf in = buffer("FFFFFFFFFFFFFFF\r\nabc");
        scan.reset();

        assertThat(scan.advance(in, in.readerIndex(), in.writerIndex())).isEqualTo(ChunkedBodyScan.MORE);
        assertThat(scan.data()).isEqualTo(3);
        // The rest of so large a chunk is all data, newlines and all.
        ByteBuf more = Unpooled.copiedBuffer("\r\n0\r\n\r\n", US_ASCII);
        assertThat(scan.advance(more, 0, more.writerIndex())).isEqualTo(ChunkedBodyScan.MORE);
        assertThat(scan.data()).isEqualTo(10);
    }

    @Test
    void dataCountsTheChunksDataSinceReset() {
        ByteBuf in = buffer("8\r\n01234567\r\n" + "10\r\n" + "z".repeat(16) + "\r\n0\r\n\r\n");
        scan.reset();
        int middle = in.readerIndex() + 7;

        assertThat(scan.advance(in, in.readerIndex(), middle)).isEqualTo(ChunkedBodyScan.MORE);
        assertThat(scan.data()).as("four bytes of the first chunk's data so far").isEqualTo(4);
        assertThat(scan.advance(in, middle, in.writerIndex())).isEqualTo(in.writerIndex());
        assertThat(scan.data()).isEqualTo(24);

        scan.reset();
        assertThat(scan.data()).isZero();
    }

    @Test
    void aResetScanFollowsTheNextBody() {
        String first = "3\r\nabc\r\n0\r\nX: y\r\n\r\n";
        String second = "2\r\nde\r\n0\r\n\r\n";
        ByteBuf in = buffer(first + second);
        scan.reset();

        int end = scan.advance(in, in.readerIndex(), in.writerIndex());
        assertThat(end).isEqualTo(HEAD.length() + first.length());
        assertThat(scan.data()).isEqualTo(3);

        scan.reset();
        assertThat(scan.advance(in, end, in.writerIndex())).isEqualTo(in.writerIndex());
        assertThat(scan.data()).isEqualTo(2);
    }

    @Test
    void aResetForgetsABodyCutShort() {
        // A response broken off mid-size or mid-data must not leave its state to the next.
        ByteBuf broken = buffer("1F");
        scan.reset();
        assertThat(scan.advance(broken, broken.readerIndex(), broken.writerIndex())).isEqualTo(ChunkedBodyScan.MORE);

        assertThat(whole("5\r\nhello\r\n0\r\n\r\n")).isEqualTo(15);
        assertThat(scan.data()).isEqualTo(5);

        ByteBuf inData = buffer("5\r\nhe");
        scan.reset();
        assertThat(scan.advance(inData, inData.readerIndex(), inData.writerIndex())).isEqualTo(ChunkedBodyScan.MORE);

        assertThat(whole("0\r\n\r\n")).isEqualTo(5);
        assertThat(scan.data()).isZero();
    }
}
