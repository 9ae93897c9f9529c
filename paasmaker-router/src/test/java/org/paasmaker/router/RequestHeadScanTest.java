package org.paasmaker.router;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
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
import org.paasmaker.router.RequestHeadScan.Verdict;

class RequestHeadScanTest {

    /**
     * What a connection's buffer may hold before its reader index: a whole earlier request and a
     * stray CR. A scan that looked before the reader index would find that head's end, or take an LF
     * the head starts with for the end of a CRLF.
     */
    private static final String READ_ALREADY = "GET /before HTTP/1.1\r\nHost: before.example.com\r\n\r\n\r";
    private static final String BASE = "GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n";

    private final RequestHeadScan scan = new RequestHeadScan();
    /** The buffer of the last {@link #scan}, starting after {@link #READ_ALREADY}; the scan's fields index into it. */
    private ByteBuf in;

    private Verdict scan(String head) {
        return scan(head, false, US_ASCII);
    }

    /**
     * Scans the head from a buffer's start, and again after bytes read already: real buffers start
     * anywhere, and the two must agree. The fields left to check are those of the second.
     */
    private Verdict scan(String head, boolean secure, Charset charset) {
        Verdict fromStart = new RequestHeadScan().scan(Unpooled.copiedBuffer(head, charset), secure);
        in = Unpooled.copiedBuffer(READ_ALREADY + head, charset).readerIndex(READ_ALREADY.length());
        Verdict verdict = scan.scan(in, secure);
        assertThat(verdict).as("the verdict with %d bytes read already", READ_ALREADY.length()).isEqualTo(fromStart);
        assertThat(in.readerIndex()).as("a scan reads in place").isEqualTo(READ_ALREADY.length());
        return verdict;
    }

    private static String withHeader(String line) {
        return "GET / HTTP/1.1\r\nHost: a.example.com\r\n" + line + "\r\n\r\n";
    }

    /** Where {@code part} starts in the scanned buffer. */
    private static int at(String head, String part) {
        int index = head.indexOf(part);
        assertThat(index).as("%s in the head", part).isNotNegative();
        return READ_ALREADY.length() + index;
    }

    private String text(int from, int to) {
        return in.toString(from, to - from, ISO_8859_1);
    }

    private List<String> droppedLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < scan.droppedCount; i++) {
            lines.add(text(scan.dropped[i * 2], scan.dropped[i * 2 + 1]));
        }
        return lines;
    }

    /** The head as ByteRelayHandler passes it on, before it adds its own lines. */
    private String passedOn() {
        ByteBuf out = Unpooled.buffer();
        HeadBytes.copyWithout(in, in.readerIndex(), scan.end, scan.dropped, scan.droppedCount, out);
        return out.toString(ISO_8859_1);
    }

    @Test
    void aPlainGetIsRelayedWithItsMethodTargetAndHost() {
        String head = "GET /path/to?q=1&r=%20 HTTP/1.1\r\nHost: app.example.com\r\nAccept: */*\r\nUser-Agent: test\r\n\r\n";

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
        assertThat(scan.method).isEqualTo("GET");
        assertThat(scan.uri).isEqualTo("/path/to?q=1&r=%20");
        assertThat(scan.host).isEqualTo("app.example.com");
        assertThat(scan.keepAlive).as("HTTP/1.1's default").isTrue();
        assertThat(scan.forwardedForStart).as("no X-Forwarded-For").isNegative();
        assertThat(scan.droppedCount).isZero();
        assertThat(scan.end).isEqualTo(in.writerIndex());
        assertThat(scan.lineEnd).isEqualTo(at(head, "\r\n"));
        assertThat(passedOn()).isEqualTo(head);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "POST", "DELETE", "OPTIONS", "PROPFIND", "M-SEARCH"})
    void anyTokenIsAMethod(String method) {
        assertThat(scan(method + " /x HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Verdict.RELAY);
        assertThat(scan.method).isEqualTo(method);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.example.com:8080", "localhost", "127.0.0.1:80", "[::1]", "[::1]:8080", "[2001:db8::1]:443"})
    void theHostKeepsItsPortAndIpv6LiteralsTheirBrackets(String host) {
        assertThat(scan("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n")).isEqualTo(Verdict.RELAY);
        assertThat(scan.host).isEqualTo(host);
    }

    @Test
    void headerNamesMatchInAnyCase() {
        String head = "GET / HTTP/1.1\r\nhOsT: a.example.com\r\nCONNECTION: Close\r\nx-FORWARDED-for: 10.0.0.1\r\n"
                + "pRoXy-AuThOrIzAtIoN: Basic eA==\r\n\r\n";

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
        assertThat(scan.host).isEqualTo("a.example.com");
        assertThat(scan.keepAlive).isFalse();
        assertThat(text(scan.forwardedForStart, scan.forwardedForEnd)).isEqualTo("10.0.0.1");
        assertThat(droppedLines()).containsExactly("CONNECTION: Close\r\n", "x-FORWARDED-for: 10.0.0.1\r\n",
                "pRoXy-AuThOrIzAtIoN: Basic eA==\r\n");
    }

    @Test
    void whitespaceAroundAValueIsNotPartOfIt() {
        String head = "GET / HTTP/1.1\r\nHost: \t a.example.com \t\r\nX-Forwarded-For:\t 10.0.0.1 ,  10.0.0.2\t \r\n\r\n";

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
        assertThat(scan.host).isEqualTo("a.example.com");
        assertThat(text(scan.forwardedForStart, scan.forwardedForEnd)).isEqualTo("10.0.0.1 ,  10.0.0.2");

        assertThat(scan("GET / HTTP/1.1\r\nHost:a.example.com\r\n\r\n")).as("no whitespace at all").isEqualTo(Verdict.RELAY);
        assertThat(scan.host).isEqualTo("a.example.com");
    }

    @Test
    void hopByHopAndForwardingLinesAreDroppedWithTheirCrlf() {
        String[] droppedLines = {
            "Connection: keep-alive\r\n", "Keep-Alive: timeout=5\r\n", "Proxy-Connection: close\r\n",
            "TE: trailers\r\n", "Proxy-Authenticate: Basic\r\n", "Proxy-Authorization: Basic eA==\r\n",
            "X-Forwarded-For: 10.0.0.1\r\n", "X-Forwarded-Proto: https\r\n", "X-Forwarded-Host: evil.example\r\n",
            "X-Forwarded-Port: 1\r\n",
        };
        // Names of the same lengths as those dropped, and names that start alike: all passed on.
        String kept = "Authorization: Basic eA==\r\nTx: 1\r\nConnectiom: x\r\nKeep-Alivf: x\r\nX-Forwarded-Fox: x\r\n"
                + "X-Forwarded-Hosts: x\r\nX-Forwarded-Prefix: /p\r\nProxy-Connectiom: x\r\nTEs: x\r\n";
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: a.example.com\r\n");
        for (int i = 0; i < droppedLines.length; i++) {
            // Dropped lines between kept ones, so that a range off by a byte shows in what passes on.
            head.append(droppedLines[i]).append("Accept-").append(i).append(": x\r\n");
        }
        head.append(kept).append("\r\n");
        String text = head.toString();

        assertThat(scan(text)).isEqualTo(Verdict.RELAY);
        assertThat(scan.droppedCount).isEqualTo(droppedLines.length);
        for (int i = 0; i < droppedLines.length; i++) {
            int start = at(text, droppedLines[i]);
            assertThat(scan.dropped[i * 2]).as("start of %s", droppedLines[i].trim()).isEqualTo(start);
            assertThat(scan.dropped[i * 2 + 1]).as("end of %s", droppedLines[i].trim()).isEqualTo(start + droppedLines[i].length());
        }
        String expected = text;
        for (String line : droppedLines) {
            expected = expected.replace(line, "");
        }
        assertThat(passedOn()).isEqualTo(expected);
    }

    @Test
    void anEmptyXForwardedForIsStillTheClients() {
        String head = withHeader("X-Forwarded-For:");

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
        assertThat(scan.forwardedForStart).isEqualTo(at(head, "X-Forwarded-For:") + "X-Forwarded-For:".length());
        assertThat(scan.forwardedForEnd).isEqualTo(scan.forwardedForStart);
        assertThat(droppedLines()).containsExactly("X-Forwarded-For:\r\n");
    }

    @ParameterizedTest(name = "Connection: {0} keeps alive: {1}")
    @CsvSource(delimiter = '|', value = {
        "close|false", "keep-alive|true", "keep-alive, close|false", "close, keep-alive|false", "CLOSE|false",
        "Keep-Alive|true", "' , close ,'|false", "keep-alive,keep-alive|true", "''|true",
    })
    void connectionCloseEndsTheConnectionWhereverItStands(String value, boolean keepAlive) {
        String head = withHeader("Connection: " + value);

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
        assertThat(scan.keepAlive).isEqualTo(keepAlive);
        assertThat(droppedLines()).containsExactly("Connection: " + value + "\r\n");
    }

    @Test
    void aCloseInASecondConnectionHeaderCounts() {
        assertThat(scan(withHeader("Connection: keep-alive\r\nConnection: close"))).isEqualTo(Verdict.RELAY);
        assertThat(scan.keepAlive).isFalse();
        assertThat(scan.droppedCount).isEqualTo(2);
    }

    @Test
    void valuesMayHoldTabsAndBytesAbove0x7f() {
        String head = withHeader("X-Name: caf\u00e9\tna\u00efve \u00ff");

        assertThat(scan(head, false, ISO_8859_1)).isEqualTo(Verdict.RELAY);
        assertThat(passedOn()).isEqualTo(head);
    }

    @Test
    void aHeadOfExactlyMaxHeadBytesIsRelayed() {
        String start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
        String head = start + "p".repeat(RequestHeadScan.MAX_HEAD - start.length() - 4) + "\r\n\r\n";
        assertThat(head).hasSize(RequestHeadScan.MAX_HEAD);

        assertThat(scan(head)).isEqualTo(Verdict.RELAY);

        String longer = start + "p".repeat(RequestHeadScan.MAX_HEAD - start.length() - 3) + "\r\n\r\n";
        assertThat(scan(longer)).as("a byte longer").isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void maxHeadBytesWithoutAnEndAreHandedOver() {
        String start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
        String almost = start + "p".repeat(RequestHeadScan.MAX_HEAD - 1 - start.length());

        assertThat(scan(almost)).as("a byte short of MAX_HEAD").isEqualTo(Verdict.NEED_MORE);
        assertThat(scan(almost + "p")).isEqualTo(Verdict.HAND_OVER);
        assertThat(scan(almost + "\r\n\r\n")).as("the end beyond MAX_HEAD").isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void everyPrefixOfAHeadNeedsMore() {
        String head = "GET /a?b=c HTTP/1.1\r\nHost: a.example.com\r\nConnection: close\r\nX-Forwarded-For: 10.0.0.1\r\n"
                + "Accept: text/html\r\n\r\n";
        for (int length = 0; length < head.length(); length++) {
            assertThat(scan(head.substring(0, length))).as("the first %d bytes", length).isEqualTo(Verdict.NEED_MORE);
        }
        assertThat(scan(head)).isEqualTo(Verdict.RELAY);
    }

    @Test
    void everyPrefixOfAHeadToHandOverNeedsMoreToo() {
        // Handing over early would be harmless; relaying a part never is.
        String head = withHeader("Content-Length: 0");
        for (int length = 0; length < head.length(); length++) {
            assertThat(scan(head.substring(0, length))).as("the first %d bytes", length).isEqualTo(Verdict.NEED_MORE);
        }
        assertThat(scan(head)).isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void aBareLfHandsOverAsSoonAsItComes() {
        // Such a head never ends in CRLF CRLF: waiting for more would leave the client without an answer.
        String head = "GET / HTTP/1.1\nHost: a.example.com\n\n";
        int lf = head.indexOf('\n');
        for (int length = 0; length <= head.length(); length++) {
            assertThat(scan(head.substring(0, length))).as("the first %d bytes", length)
                    .isEqualTo(length <= lf ? Verdict.NEED_MORE : Verdict.HAND_OVER);
        }
        assertThat(scan("\n")).as("an LF first").isEqualTo(Verdict.HAND_OVER);
        assertThat(scan(BASE.substring(0, BASE.length() - 2) + "\r")).isEqualTo(Verdict.NEED_MORE);
        assertThat(scan(BASE.substring(0, BASE.length() - 2) + "\rX")).as("a CR alone at a line's start").isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void aHeadArrivingByteByByteIsRelayedOnlyWhenWhole() {
        String head = "GET /x HTTP/1.1\r\nHost: a.example.com:8080\r\nX-Forwarded-For: 10.0.0.1\r\nConnection: close\r\n\r\n";
        ByteBuf buffer = Unpooled.buffer().writeBytes(READ_ALREADY.getBytes(US_ASCII)).readerIndex(READ_ALREADY.length());
        byte[] bytes = head.getBytes(US_ASCII);
        for (int i = 0; i < bytes.length - 1; i++) {
            buffer.writeByte(bytes[i]);
            assertThat(scan.scan(buffer, false)).as("after %d bytes", i + 1).isEqualTo(Verdict.NEED_MORE);
        }
        buffer.writeByte(bytes[bytes.length - 1]);

        assertThat(scan.scan(buffer, false)).isEqualTo(Verdict.RELAY);
        assertThat(scan.end).isEqualTo(buffer.writerIndex());
        assertThat(scan.host).isEqualTo("a.example.com:8080");
        assertThat(scan.keepAlive).isFalse();
        assertThat(buffer.toString(scan.forwardedForStart, scan.forwardedForEnd - scan.forwardedForStart, US_ASCII))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void aRequestLineNettysDecoderRefusesIsHandedOver() {
        // The codec's path answers 400 to a request line longer than its decoder allows: relayed, the
        // same request would reach the instance.
        String shortest = "GET / HTTP/1.1";
        String longest = "GET /" + "a".repeat(4096 - shortest.length()) + " HTTP/1.1";
        String tooLong = "GET /" + "a".repeat(4097 - shortest.length()) + " HTTP/1.1";
        assertThat(longest).hasSize(4096);
        assertThat(nettyDecodes(longest + "\r\nHost: a\r\n\r\n")).isTrue();
        assertThat(nettyDecodes(tooLong + "\r\nHost: a\r\n\r\n")).isFalse();

        assertThat(scan(longest + "\r\nHost: a\r\n\r\n")).isEqualTo(Verdict.RELAY);
        assertThat(scan(tooLong + "\r\nHost: a\r\n\r\n")).isEqualTo(Verdict.HAND_OVER);
    }

    private static boolean nettyDecodes(String head) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(Http.decoderConfig()));
        try {
            channel.writeInbound(Unpooled.copiedBuffer(head, US_ASCII));
            HttpRequest request = channel.readInbound();
            return request.decoderResult().isSuccess();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void sixteenDroppedLinesAreRelayedAndASeventeenthHandsOver() {
        String sixteen = withHeader("Keep-Alive: x\r\n".repeat(15) + "Keep-Alive: x");

        assertThat(scan(sixteen)).isEqualTo(Verdict.RELAY);
        assertThat(scan.droppedCount).isEqualTo(16);
        assertThat(passedOn()).isEqualTo(BASE);

        // Its range could not be kept, and the line would pass on.
        assertThat(scan(withHeader("Keep-Alive: x\r\n".repeat(16) + "Keep-Alive: x"))).isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void aReusedScanForgetsTheRequestBefore() {
        assertThat(scan(withHeader("Connection: close\r\nX-Forwarded-For: 10.0.0.1\r\nTE: trailers"))).isEqualTo(Verdict.RELAY);

        assertThat(scan("HEAD /other HTTP/1.1\r\nHost: b.example.com\r\n\r\n")).isEqualTo(Verdict.RELAY);
        assertThat(scan.method).isEqualTo("HEAD");
        assertThat(scan.uri).isEqualTo("/other");
        assertThat(scan.host).isEqualTo("b.example.com");
        assertThat(scan.keepAlive).isTrue();
        assertThat(scan.forwardedForStart).isNegative();
        assertThat(scan.droppedCount).isZero();

        // A refused head in between must not leave a Host behind for the next to count as its second.
        assertThat(scan("GET / HTTP/1.1\r\nHost: c.example.com\r\nExpect: 100-continue\r\n\r\n")).isEqualTo(Verdict.HAND_OVER);
        assertThat(scan(BASE)).isEqualTo(Verdict.RELAY);
        assertThat(scan.host).isEqualTo("a.example.com");
    }

    @Test
    void theBaseOfTheVectorsIsRelayed() {
        // Each vector below differs from this head by what it names: the difference alone hands it over.
        assertThat(scan(BASE)).isEqualTo(Verdict.RELAY);
        assertThat(scan(withHeader("X-Other: 1"))).isEqualTo(Verdict.RELAY);
    }

    static Stream<Arguments> handedOver() {
        return Stream.of(
                named("Content-Length: 0", withHeader("Content-Length: 0")),
                named("Content-Length with its body", withHeader("Content-Length: 5") + "hello"),
                named("Content-Length, body still to come", withHeader("Content-Length: 5")),
                named("content-length in lower case", withHeader("content-length: 0")),
                named("Transfer-Encoding", withHeader("Transfer-Encoding: chunked")),
                named("Transfer-Encoding with its body", withHeader("Transfer-Encoding: chunked") + "0\r\n\r\n"),
                named("Transfer-Encoding: identity", withHeader("Transfer-Encoding: identity")),
                named("Content-Length and Transfer-Encoding", withHeader("Content-Length: 0\r\nTransfer-Encoding: chunked")),
                named("Transfer-Encoding and Content-Length", withHeader("Transfer-Encoding: chunked\r\nContent-Length: 0")),
                named("space before the colon", withHeader("Transfer-Encoding : chunked")),
                named("tab before the colon", withHeader("Transfer-Encoding\t: chunked")),
                named("space before the colon of a harmless name", withHeader("Accept : */*")),
                named("obs-fold after Host", "GET / HTTP/1.1\r\nHost: a.example.com\r\n Transfer-Encoding: chunked\r\n\r\n"),
                named("obs-fold with a space", withHeader("X-A: b\r\n c")),
                named("obs-fold with a tab", withHeader("X-A: b\r\n\tc")),
                named("bare LF everywhere", "GET / HTTP/1.1\nHost: a.example.com\n\n"),
                named("bare LF after the request line", "GET / HTTP/1.1\nHost: a.example.com\r\n\r\n"),
                named("bare LF after a header", "GET / HTTP/1.1\r\nHost: a.example.com\nX-A: b\r\n\r\n"),
                named("bare LF as the blank line", "GET / HTTP/1.1\r\nHost: a.example.com\r\n\n"),
                named("a CR alone before the blank line", "GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\r\n"),
                named("bare CR in a value", withHeader("X-A: b\rc")),
                named("bare CR as a line end", withHeader("X-A: b\rTransfer-Encoding: chunked")),
                named("bare CR in the target", "GET /a\rb HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("CR CR LF", withHeader("X-A: b\r")),
                named("NUL in a value", withHeader("X-A: b\0c")),
                named("NUL in a name", withHeader("X-\0A: b")),
                named("DEL in a value", withHeader("X-A: b\u007fc")),
                named("ESC in a value", withHeader("X-A: \u001b[31m")),
                named("form feed in a value", withHeader("X-A: b\fc")),
                named("absolute-form target", "GET http://a.example.com/ HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("asterisk-form target", "OPTIONS * HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("authority-form target", "CONNECT a.example.com:443 HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("HTTP/1.0", "GET / HTTP/1.0\r\nHost: a.example.com\r\n\r\n"),
                named("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a.example.com\r\n\r\n"),
                named("HTTP/1.10", "GET / HTTP/1.10\r\nHost: a.example.com\r\n\r\n"),
                named("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                named("HTTP/2 preface's first head", "PRI * HTTP/2.0\r\n\r\n"),
                named("lower-case http/1.1", "GET / http/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("no version", "GET /\r\nHost: a.example.com\r\n\r\n"),
                named("space after the version", "GET / HTTP/1.1 \r\nHost: a.example.com\r\n\r\n"),
                named("two spaces before the target", "GET  / HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("two spaces after the target", "GET /  HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("tab after the method", "GET\t/ HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("empty method", " / HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("method not a token", "G(T / HTTP/1.1\r\nHost: a.example.com\r\n\r\n"),
                named("leading empty line", "\r\n" + BASE),
                named("leading bare LF", "\n" + BASE),
                named("two Host headers", withHeader("Host: b.example.com")),
                named("two equal Host headers", withHeader("Host: a.example.com")),
                named("empty Host", "GET / HTTP/1.1\r\nHost:\r\n\r\n"),
                named("blank Host", "GET / HTTP/1.1\r\nHost: \t \r\n\r\n"),
                named("Host with a port and no name", "GET / HTTP/1.1\r\nHost: :8080\r\n\r\n"),
                named("no Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"),
                named("no headers", "GET / HTTP/1.1\r\n\r\n"),
                named("Expect", withHeader("Expect: 100-continue")),
                named("Upgrade", withHeader("Upgrade: websocket")),
                named("Upgrade with Connection: Upgrade", withHeader("Connection: Upgrade\r\nUpgrade: websocket")),
                named("Connection naming another header", withHeader("Connection: X-Secret\r\nX-Secret: 1")),
                named("Connection naming keep-alive and Upgrade", withHeader("Connection: keep-alive, Upgrade")),
                named("Connection naming TE", withHeader("Connection: close, TE")),
                named("two X-Forwarded-For", withHeader("X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-For: 10.0.0.2")),
                named("a pipelined request after the head", BASE + BASE),
                named("one byte after the head", BASE + "G"),
                named("an empty line after the head", BASE + "\r\n"),
                named("no colon", withHeader("X-A")),
                named("empty name", withHeader(": b")),
                named("name not a token", withHeader("X(A): b")),
                named("space inside a name", withHeader("X A: b")),
                named("ACME challenge over plain HTTP", "GET /.well-known/acme-challenge/token HTTP/1.1\r\nHost: a.example.com\r\n\r\n"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void handedOver(String head) {
        assertThat(scan(head)).isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void bytesAbove0x7fOutsideValuesAreHandedOver() {
        assertThat(scan("GET /caf\u00e9 HTTP/1.1\r\nHost: a.example.com\r\n\r\n", false, ISO_8859_1)).isEqualTo(Verdict.HAND_OVER);
        assertThat(scan(withHeader("X-Caf\u00e9: 1"), false, ISO_8859_1)).isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void aHostWithBytesAbove0x7fIsHandedOver() {
        // Its String would hold U+FFFD where the codec's path keeps the byte: a route, log line and
        // X-Forwarded-Host of another name.
        assertThat(scan("GET / HTTP/1.1\r\nHost: caf\u00e9.example.com\r\n\r\n", false, ISO_8859_1)).isEqualTo(Verdict.HAND_OVER);
    }

    @Test
    void anAcmeChallengeIsRelayedOnlyOverTls() {
        String challenge = "GET /.well-known/acme-challenge/token HTTP/1.1\r\nHost: a.example.com\r\n\r\n";

        assertThat(scan(challenge, false, US_ASCII)).as("the router answers it").isEqualTo(Verdict.HAND_OVER);
        assertThat(scan(challenge, true, US_ASCII)).isEqualTo(Verdict.RELAY);
        assertThat(scan.uri).isEqualTo("/.well-known/acme-challenge/token");
        // Only the challenges' own path is the router's.
        assertThat(scan("GET /.well-known/acme-challenge HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Verdict.RELAY);
        assertThat(scan("GET /.well-known/security.txt HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Verdict.RELAY);
    }

    @Test
    void copyWithoutNoRangesCopiesTheWholeRange() {
        ByteBuf in = Unpooled.copiedBuffer("0123456789abcdefghij", US_ASCII);
        ByteBuf out = Unpooled.buffer();

        HeadBytes.copyWithout(in, 2, 18, new int[0], 0, out);

        assertThat(out.toString(US_ASCII)).isEqualTo("23456789abcdefgh");
        assertThat(in.readerIndex()).isZero();
    }

    @Test
    void copyWithoutOneRangeLeavesItOut() {
        ByteBuf in = Unpooled.copiedBuffer("0123456789abcdefghij", US_ASCII);
        ByteBuf out = Unpooled.buffer();

        // A count below the array's length: the pairs beyond it are not ranges.
        HeadBytes.copyWithout(in, 2, 18, new int[] {5, 9, 0, 20}, 1, out);

        assertThat(out.toString(US_ASCII)).isEqualTo("2349abcdefgh");
    }

    @Test
    void copyWithoutUnsortedRangesLeavesEachOut() {
        ByteBuf in = Unpooled.copiedBuffer("0123456789abcdefghij", US_ASCII);
        ByteBuf out = Unpooled.buffer();

        // At the range's start, adjacent ones, and one ending where the copy ends.
        HeadBytes.copyWithout(in, 2, 18, new int[] {12, 14, 2, 4, 16, 18, 8, 10, 14, 15}, 5, out);

        assertThat(out.toString(US_ASCII)).isEqualTo("4567abf");
    }
}
