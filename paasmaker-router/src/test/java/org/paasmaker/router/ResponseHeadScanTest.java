package org.paasmaker.router;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paasmaker.router.ResponseHeadScan.Verdict;

class ResponseHeadScanTest {

    /**
     * Before the reader index: an informational head already passed on (as ByteRelayHandler leaves
     * it), and a stray CR that a scan looking before the reader index would take for half a CRLF.
     */
    private static final String READ_ALREADY = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n\r";

    private final ResponseHeadScan scan = new ResponseHeadScan();
    private ByteBuf in;

    private Verdict scan(String text) {
        return scan(text, US_ASCII);
    }

    /** Scans from a buffer's start and after bytes read already; the two must agree, the fields are the second's. */
    private Verdict scan(String text, Charset charset) {
        Verdict fromStart = new ResponseHeadScan().scan(Unpooled.copiedBuffer(text, charset));
        in = Unpooled.copiedBuffer(READ_ALREADY + text, charset).readerIndex(READ_ALREADY.length());
        Verdict verdict = scan.scan(in);
        assertThat(verdict).as("the verdict with %d bytes read already", READ_ALREADY.length()).isEqualTo(fromStart);
        assertThat(in.readerIndex()).as("a scan reads in place").isEqualTo(READ_ALREADY.length());
        return verdict;
    }

    private static String head(String statusLine, String... headers) {
        StringBuilder head = new StringBuilder(statusLine).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static int at(String text, String part) {
        int index = text.indexOf(part);
        assertThat(index).as("%s in the head", part).isNotNegative();
        return READ_ALREADY.length() + index;
    }

    private List<String> droppedLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < scan.droppedCount; i++) {
            lines.add(in.toString(scan.dropped[i * 2], scan.dropped[i * 2 + 1] - scan.dropped[i * 2], ISO_8859_1));
        }
        return lines;
    }

    /** The header lines (and blank line) as ByteRelayHandler passes them on, before it adds its own. */
    private String headersPassedOn() {
        ByteBuf out = Unpooled.buffer();
        HeadBytes.copyWithout(in, scan.lineEnd + 2, scan.end, scan.dropped, scan.droppedCount, out);
        return out.toString(ISO_8859_1);
    }

    @Test
    void a200WithALengthIsReadUpToItsBlankLine() {
        String head = head("HTTP/1.1 200 OK", "Content-Type: text/plain", "Content-Length: 5");

        assertThat(scan(head + "hello")).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(200);
        assertThat(scan.versionEnd).isEqualTo(READ_ALREADY.length() + "HTTP/1.1".length());
        assertThat(scan.lineEnd).isEqualTo(at(head, "\r\n"));
        assertThat(scan.end).as("the body is not the head's").isEqualTo(READ_ALREADY.length() + head.length());
        assertThat(scan.keepAlive).isTrue();
        assertThat(scan.contentLength).isEqualTo(5);
        assertThat(scan.chunked).isFalse();
        assertThat(scan.closeDelimited()).isFalse();
        assertThat(scan.droppedCount).isZero();
        assertThat(headersPassedOn()).isEqualTo("Content-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
    }

    @Test
    void theBodyAfterTheHeadIsNotRead() {
        // Bytes a head may not hold, in the body: the scan stops at the blank line.
        String head = head("HTTP/1.1 200 OK", "Content-Length: 6");

        assertThat(scan(head + "\n\0\r\u007f\n\n")).isEqualTo(Verdict.OK);
        assertThat(scan.end).isEqualTo(READ_ALREADY.length() + head.length());
    }

    @Test
    void a204And304LeaveTheirBodyToTheStatus() {
        assertThat(scan(head("HTTP/1.1 204 No Content", "Date: Mon, 01 Jan 2024 00:00:00 GMT"))).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(204);
        assertThat(scan.contentLength).isEqualTo(-1);
        assertThat(scan.keepAlive).isTrue();

        // A 304's length is the representation's, not a body's: read as any other.
        assertThat(scan(head("HTTP/1.1 304 Not Modified", "ETag: \"x\"", "Content-Length: 1234"))).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(304);
        assertThat(scan.contentLength).isEqualTo(1234);
    }

    @Test
    void informationalHeadsAreReadOneAfterTheOther() {
        String early = head("HTTP/1.1 103 Early Hints", "Link: </style.css>; rel=preload");
        String last = head("HTTP/1.1 200 OK", "Content-Length: 2");
        String text = head("HTTP/1.1 100 Continue") + early + last + "ok";

        assertThat(scan(text)).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(100);
        assertThat(scan.end).isEqualTo(at(text, early));

        in.readerIndex(scan.end);
        assertThat(scan.scan(in)).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(103);
        assertThat(scan.versionEnd).isEqualTo(at(text, early) + "HTTP/1.1".length());
        assertThat(scan.end).isEqualTo(at(text, last));

        in.readerIndex(scan.end);
        assertThat(scan.scan(in)).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(200);
        assertThat(scan.contentLength).isEqualTo(2);
        assertThat(scan.end).isEqualTo(in.writerIndex() - 2);
    }

    @ParameterizedTest(name = "{0} with Connection: {1} keeps alive: {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "HTTP/1.1|none|true",
        "HTTP/1.1|close|false",
        "HTTP/1.1|keep-alive|true",
        "HTTP/1.1|Close|false",
        "HTTP/1.1|keep-alive, close|false",
        "HTTP/1.1|close, keep-alive|false",
        "HTTP/1.1|x-trace, close|false",
        "HTTP/1.0|none|false",
        "HTTP/1.0|keep-alive|true",
        "HTTP/1.0|Keep-Alive|true",
        "HTTP/1.0|close|false",
        "HTTP/1.0|close, keep-alive|false",
    })
    void closeWinsElseTheVersionDecidesUnlessKeepAliveIsAsked(String version, String connection, boolean keepAlive) {
        String head = connection == null
                ? head(version + " 200 OK", "Content-Length: 0")
                : head(version + " 200 OK", "Connection: " + connection, "Content-Length: 0");

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan.keepAlive).isEqualTo(keepAlive);
        if (connection != null) {
            assertThat(droppedLines()).contains("Connection: " + connection + "\r\n");
        }
    }

    @Test
    void closeInAnyConnectionHeaderWins() {
        // The instance closes after this response whatever else it says: a pooled connection would be dead.
        assertThat(scan(head("HTTP/1.1 200 OK", "Connection: close", "Connection: keep-alive", "Content-Length: 0")))
                .isEqualTo(Verdict.OK);
        assertThat(scan.keepAlive).isFalse();
        assertThat(scan.droppedCount).isEqualTo(2);

        assertThat(scan(head("HTTP/1.0 200 OK", "Connection: close", "Connection: keep-alive", "Content-Length: 0")))
                .isEqualTo(Verdict.OK);
        assertThat(scan.keepAlive).isFalse();
    }

    @Test
    void aChunkedBodyHasNoLength() {
        String head = head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked");

        assertThat(scan(head + "0\r\n\r\n")).isEqualTo(Verdict.OK);
        assertThat(scan.chunked).isTrue();
        assertThat(scan.contentLength).isEqualTo(-1);
        assertThat(scan.closeDelimited()).isFalse();
        assertThat(scan.droppedCount).as("the client gets the chunks as they are, so their header too").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 5|Transfer-Encoding: chunked", "Transfer-Encoding: chunked|Content-Length: 5",
        "Content-Length: 5|Transfer-Encoding: chunked|content-length: 5"})
    void aLengthBesideChunkedIsDropped(String headers) {
        String head = head("HTTP/1.1 200 OK", (headers + "|X-After: 1").split("\\|"));

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan.chunked).isTrue();
        assertThat(scan.contentLength).as("Transfer-Encoding wins").isEqualTo(-1);
        assertThat(scan.closeDelimited()).isFalse();
        assertThat(headersPassedOn()).isEqualTo("Transfer-Encoding: chunked\r\nX-After: 1\r\n\r\n");
        int first = at(head, "Content-Length: 5");
        assertThat(scan.dropped[0]).isEqualTo(first);
        assertThat(scan.dropped[1]).isEqualTo(first + "Content-Length: 5\r\n".length());
    }

    @Test
    void aLengthBesideChunkedIsDroppedWhenTheHeadEndsTheBuffer() {
        // The last line is shorter than "Content-Length:", and nothing follows the head to read into.
        String head = head("HTTP/1.1 200 OK", "Content-Length: 5", "Transfer-Encoding: chunked", "A: b");

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(droppedLines()).containsExactly("Content-Length: 5\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked", "CHUNKED", "gzip, chunked", "gzip,chunked", "gzip ,\tchunked",
        "deflate, gzip, chunked", ", chunked", "chunked \t"})
    void chunkedAsTheLastCodingIsRelayed(String codings) {
        assertThat(scan(head("HTTP/1.1 200 OK", "Transfer-Encoding: " + codings))).isEqualTo(Verdict.OK);
        assertThat(scan.chunked).isTrue();
    }

    static Stream<Arguments> otherCodingsAreBad() {
        return Stream.of(
                named("chunked, gzip", "Transfer-Encoding: chunked, gzip"),
                named("gzip", "Transfer-Encoding: gzip"),
                named("identity", "Transfer-Encoding: identity"),
                named("empty", "Transfer-Encoding:"),
                named("xchunked", "Transfer-Encoding: xchunked"),
                named("gzip;chunked", "Transfer-Encoding: gzip;chunked"),
                named("chunked with a parameter", "Transfer-Encoding: chunked;q=1"),
                named("chunked twice in one header", "Transfer-Encoding: chunked, chunked"),
                named("chunked twice, in other cases", "Transfer-Encoding: gzip, Chunked ,CHUNKED"),
                named("chunked with a parameter, then chunked", "Transfer-Encoding: chunked;x=1, chunked"),
                named("chunked in two headers", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"),
                named("gzip, then chunked in a second header", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void otherCodingsAreBad(String header) {
        assertThat(scan(head("HTTP/1.1 200 OK", header))).isEqualTo(Verdict.BAD);
    }

    @Test
    void equalLengthsAreOneLength() {
        String head = head("HTTP/1.1 200 OK", "Content-Length: 5", "content-length:5  ");

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan.contentLength).isEqualTo(5);
        assertThat(scan.droppedCount).isZero();
    }

    @Test
    void eighteenDigitsAreALength() {
        assertThat(scan(head("HTTP/1.1 200 OK", "Content-Length: 999999999999999999"))).isEqualTo(Verdict.OK);
        assertThat(scan.contentLength).isEqualTo(999_999_999_999_999_999L);
        assertThat(scan(head("HTTP/1.1 200 OK", "Content-Length: 000000000000000007"))).isEqualTo(Verdict.OK);
        assertThat(scan.contentLength).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 5\r\nContent-Length: 6", "Content-Length: 0\r\nContent-Length: 5",
        "Content-Length: 5, 5", "Content-Length: 5a", "Content-Length: -1", "Content-Length: +5", "Content-Length: 0x5",
        "Content-Length: 5 5", "Content-Length: 5.0", "Content-Length:", "Content-Length: \t",
        "Content-Length: 1000000000000000000"})
    void aLengthThatIsNotOneNumberIsBad(String headers) {
        assertThat(scan(head("HTTP/1.1 200 OK", headers.split("\r\n")))).isEqualTo(Verdict.BAD);
    }

    @Test
    void hopByHopLinesAreDroppedWithTheirCrlf() {
        String[] dropped = {"Connection: keep-alive", "Keep-Alive: timeout=5", "Proxy-Connection: close", "TE: trailers",
            "Upgrade: h2c", "Proxy-Authenticate: Basic realm=\"x\"", "Proxy-Authorization: Basic eA=="};
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < dropped.length; i++) {
            headers.add(dropped[i]);
            headers.add("X-Kept-" + i + ": x");
        }
        // The same lengths as names dropped, or the same start: all passed on.
        headers.addAll(List.of("Tx: 1", "Connectiom: x", "Upgradf: x", "Proxy-Connectiom: x", "Authorization: Basic eA==",
                "Content-Length: 0"));
        String head = head("HTTP/1.1 200 OK", headers.toArray(String[]::new));

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan.droppedCount).isEqualTo(dropped.length);
        for (int i = 0; i < dropped.length; i++) {
            int start = at(head, dropped[i] + "\r\n");
            assertThat(scan.dropped[i * 2]).as("start of %s", dropped[i]).isEqualTo(start);
            assertThat(scan.dropped[i * 2 + 1]).as("end of %s", dropped[i]).isEqualTo(start + dropped[i].length() + 2);
        }
        String expected = head.substring(head.indexOf("\r\n") + 2);
        for (String line : dropped) {
            expected = expected.replace(line + "\r\n", "");
        }
        assertThat(headersPassedOn()).isEqualTo(expected);
    }

    @Test
    void theHeadersConnectionNamesAreDroppedInAnyCase() {
        String head = head("HTTP/1.1 200 OK", "X-Internal: a", "Connection: x-INTERNAL, X-Trace", "x-internal: b",
                "X-INTERNAL: c", "X-Internal-Other: kept", "X-Interna: kept", "x-trace: t", "Content-Length: 0");

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(droppedLines()).containsExactlyInAnyOrder("X-Internal: a\r\n", "Connection: x-INTERNAL, X-Trace\r\n",
                "x-internal: b\r\n", "X-INTERNAL: c\r\n", "x-trace: t\r\n");
        assertThat(headersPassedOn()).isEqualTo("X-Internal-Other: kept\r\nX-Interna: kept\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void theFramingLinesStayWhenConnectionNamesThem() {
        // Relayed as bytes, the body keeps the instance's framing: without its header the client could not find its end.
        String length = head("HTTP/1.1 200 OK", "Connection: Content-Length", "Content-Length: 5");
        assertThat(scan(length)).isEqualTo(Verdict.OK);
        assertThat(scan.contentLength).isEqualTo(5);
        assertThat(headersPassedOn()).isEqualTo("Content-Length: 5\r\n\r\n");

        String chunked = head("HTTP/1.1 200 OK", "Connection: transfer-encoding, X-A", "Transfer-Encoding: chunked", "X-A: 1");
        assertThat(scan(chunked)).isEqualTo(Verdict.OK);
        assertThat(scan.chunked).isTrue();
        assertThat(headersPassedOn()).isEqualTo("Transfer-Encoding: chunked\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200", "HTTP/1.1 200 ", "HTTP/1.1 404 Not Found", "HTTP/1.0 200 OK",
        "HTTP/1.1 599 A\treason", "HTTP/1.1 999 Whatever"})
    void theReasonPhraseMayBeEmpty(String statusLine) {
        assertThat(scan(head(statusLine, "Content-Length: 0"))).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(Integer.parseInt(statusLine.substring(9, 12)));
        assertThat(scan.lineEnd).isEqualTo(READ_ALREADY.length() + statusLine.length());
    }

    @Test
    void theReasonPhraseMayHoldBytesAbove0x7f() {
        assertThat(scan(head("HTTP/1.1 200 Tr\u00e8s bien", "Content-Length: 0"), ISO_8859_1)).isEqualTo(Verdict.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 20 OK", "HTTP/2 200", "HTTP/2.0 200 OK", "ICY 200 OK", "HTTP/1.2 200 OK",
        "HTTP/1.1 2000 OK", "HTTP/1.1 099 Low", "HTTP/1.1 000 Zero", "HTTP/1.1 abc OK", "HTTP/1.1 -20 OK",
        "HTTP/1.1  200 OK", "HTTP/1.1\t200 OK", "HTTP/1.1 200OK", "HTTP/1.1 2 0 OK", " HTTP/1.1 200 OK", "HTTP/1.1",
        "HTTP/1.1 ", "", "HTTP/1.1 200 O\rK", "HTTP/1.1 200 O\0K", "HTTP/1.1 200 O\u007fK", "HTTP/1.1 200 OK\r", "HTTP/1.1 200 \0"})
    void aStatusLineThatIsNotHttp1IsBad(String statusLine) {
        assertThat(scan(head(statusLine, "Content-Length: 0"))).isEqualTo(Verdict.BAD);
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                named("space before the colon", head("HTTP/1.1 200 OK", "Content-Length : 5")),
                named("obs-fold", head("HTTP/1.1 200 OK", "X-A: b", " c", "Content-Length: 0")),
                named("bare LF everywhere", "HTTP/1.1 200 OK\nContent-Length: 0\n\n"),
                named("bare LF after the status line", "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n"),
                named("bare LF as the blank line", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n"),
                named("a CR alone before the blank line", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\r\n"),
                named("bare CR in a value", head("HTTP/1.1 200 OK", "X-A: b\rc", "Content-Length: 0")),
                named("NUL in a value", head("HTTP/1.1 200 OK", "X-A: b\0c", "Content-Length: 0")),
                named("DEL in a value", head("HTTP/1.1 200 OK", "X-A: b\u007fc", "Content-Length: 0")),
                named("no colon", head("HTTP/1.1 200 OK", "X-A", "Content-Length: 0")),
                named("empty name", head("HTTP/1.1 200 OK", ": b", "Content-Length: 0")),
                named("leading empty line", "\r\n" + head("HTTP/1.1 200 OK", "Content-Length: 0")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badHeaders(String text) {
        assertThat(scan(text)).isEqualTo(Verdict.BAD);
    }

    @Test
    void everyPrefixOfAHeadNeedsMore() {
        String head = head("HTTP/1.1 200 OK", "Connection: X-A", "X-A: 1", "Transfer-Encoding: chunked", "Content-Length: 3");
        for (int length = 0; length < head.length(); length++) {
            assertThat(scan(head.substring(0, length))).as("the first %d bytes", length).isEqualTo(Verdict.NEED_MORE);
        }
        assertThat(scan(head)).isEqualTo(Verdict.OK);
    }

    @Test
    void aHeadOfMaxHeadBytesIsReadAndALongerOneIsBad() {
        String start = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: ";
        String head = start + "p".repeat(ResponseHeadScan.MAX_HEAD - start.length() - 4) + "\r\n\r\n";
        assertThat(head).hasSize(ResponseHeadScan.MAX_HEAD);

        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan(head.substring(0, ResponseHeadScan.MAX_HEAD - 1))).isEqualTo(Verdict.NEED_MORE);
        String longer = start + "p".repeat(ResponseHeadScan.MAX_HEAD - start.length() - 3) + "\r\n\r\n";
        assertThat(scan(longer)).isEqualTo(Verdict.BAD);
        assertThat(scan(longer.substring(0, ResponseHeadScan.MAX_HEAD))).as("MAX_HEAD bytes and no end").isEqualTo(Verdict.BAD);
    }

    @Test
    void aReusedScanForgetsTheResponseBefore() {
        assertThat(scan(head("HTTP/1.0 200 OK", "Connection: X-A", "Content-Length: 5", "Transfer-Encoding: chunked")))
                .isEqualTo(Verdict.OK);

        String head = head("HTTP/1.1 201 Created", "X-A: 1", "Content-Length: 3");
        assertThat(scan(head)).isEqualTo(Verdict.OK);
        assertThat(scan.status).isEqualTo(201);
        assertThat(scan.keepAlive).isTrue();
        assertThat(scan.chunked).isFalse();
        assertThat(scan.contentLength).isEqualTo(3);
        assertThat(scan.droppedCount).isZero();
        assertThat(headersPassedOn()).as("X-A was named by the response before").isEqualTo("X-A: 1\r\nContent-Length: 3\r\n\r\n");

        assertThat(scan(head("HTTP/1.1 200 OK"))).isEqualTo(Verdict.OK);
        assertThat(scan.contentLength).isEqualTo(-1);
        assertThat(scan.closeDelimited()).isTrue();
    }

    @Test
    void aReusedScanForgetsTheNamesConnectionListedBefore() {
        assertThat(scan(head("HTTP/1.1 200 OK", "Connection: X-A"))).isEqualTo(Verdict.OK);

        // "X-A" stands where the last head listed it, but in a header that is not Connection.
        assertThat(scan(head("HTTP/1.1 200 OK", "Connectiox: X-A", "X-A: 1"))).isEqualTo(Verdict.OK);
        assertThat(scan.droppedCount).isZero();
    }
}
