package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An instance's response on its way to the client as bytes, for {@link ByteRelayHandler}: its head
 * read in place ({@link ResponseHeadScan}) and passed on in the router's HTTP version without the
 * hop-by-hop lines, its body passed on as it comes and followed to its end as its framing says (a
 * length counted down, chunks followed by {@link ChunkedBodyScan}, a body that ends with the
 * connection chunked for the client, whose connection can then stay open). One per client
 * connection, reused for each of its exchanges.
 */
final class RelayedResponse {

    /** Where the response stands after the instance's latest bytes. */
    enum Progress { MORE, COMPLETE, BAD_HEAD, BROKEN_BODY }

    /** How the body ends. */
    private enum Body { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private static final byte[] CRLF = HeadBytes.CRLF;
    private static final byte[] HTTP_1_1 = HeadBytes.HTTP_1_1;
    private static final byte[] CONNECTION_CLOSE = HeadBytes.CONNECTION_CLOSE;
    private static final byte[] CHUNKED = HeadBytes.bytes("Transfer-Encoding: chunked\r\n");
    private static final byte[] LAST_CHUNK = HeadBytes.bytes("0\r\n\r\n");

    private final ResponseHeadScan scan = new ResponseHeadScan();
    private final ChunkedBodyScan chunks = new ChunkedBodyScan();
    private boolean headRequest;
    private boolean clientKeepAlive;
    /** The head so far, while it comes in parts. */
    private ByteBuf head;
    private boolean anythingCame;
    private boolean started;
    private Body body;
    private boolean instanceKeepsConnection;
    private long remaining;
    private int status;
    private long bytes;

    /** Readies for the response to a new request. */
    void expect(boolean headRequest, boolean clientKeepAlive) {
        release();
        this.headRequest = headRequest;
        this.clientKeepAlive = clientKeepAlive;
        anythingCame = false;
        started = false;
        body = null;
        status = 0;
        bytes = 0;
    }

    /** Whether a byte of the response came: the instance had the request, so it must not be sent again. */
    boolean anythingCame() {
        return anythingCame;
    }

    /** Whether a head passed on to the client (an informational one counts): an error page cannot follow. */
    boolean started() {
        return started;
    }

    /** Whether the final head passed on and its body ends only when the instance closes. */
    boolean endsWithTheConnection() {
        return body == Body.UNTIL_CLOSE;
    }

    /** Whether the instance's connection can take the next request once this response is complete. */
    boolean instanceKeepsConnection() {
        return instanceKeepsConnection;
    }

    int status() {
        return status;
    }

    /** The body's bytes, without a chunked body's framing: as the codec's path counts them. */
    long bytes() {
        return bytes;
    }

    /** Passes on what the instance sent; the caller owns the outcome (and flushes the client when it completes). */
    Progress read(ChannelHandlerContext client, ByteBuf in) {
        anythingCame = true;
        ByteBuf rest = in;
        if (body == null) {
            head = head == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(client.alloc(), head, in);
            Progress progress = head(client);
            if (progress != null) {
                return progress;
            }
            rest = head.readerIndex(scan.end);
            head = null;
        }
        return body(client, rest);
    }

    /**
     * The instance closed its connection: that ends a body that runs until then (its last chunk goes to
     * the client now); any other response broke off.
     */
    Progress closed(ChannelHandlerContext client) {
        if (body == Body.UNTIL_CLOSE) {
            client.write(Unpooled.wrappedBuffer(LAST_CHUNK), client.voidPromise());
            return Progress.COMPLETE;
        }
        return Progress.BROKEN_BODY;
    }

    /** Frees a head that came only in part. */
    void release() {
        if (head != null) {
            head.release();
            head = null;
        }
    }

    /** Reads heads until the final one; null once it passed on, else what to tell the caller. */
    private Progress head(ChannelHandlerContext client) {
        while (true) {
            ResponseHeadScan.Verdict verdict = scan.scan(head);
            if (verdict == ResponseHeadScan.Verdict.NEED_MORE) {
                return Progress.MORE;
            }
            if (verdict == ResponseHeadScan.Verdict.BAD || scan.status == 101) {
                // Not HTTP we relay (and a 101 answers an upgrade this path never asks for).
                release();
                return Progress.BAD_HEAD;
            }
            started = true;
            if (scan.status >= 200) {
                startBody(client);
                return null;
            }
            // 103 Early Hints and the like pass on, and the final head follows.
            client.write(clientHead(client, false), client.voidPromise());
            head.readerIndex(scan.end);
            if (!head.isReadable()) {
                release();
                return Progress.MORE;
            }
        }
    }

    private void startBody(ChannelHandlerContext client) {
        status = scan.status;
        instanceKeepsConnection = scan.keepAlive;
        if (headRequest || status == 204 || status == 304) {
            body = Body.NONE;
        } else if (scan.chunked) {
            body = Body.CHUNKED;
            chunks.reset();
        } else if (scan.contentLength >= 0) {
            body = Body.LENGTH;
            remaining = scan.contentLength;
        } else {
            body = Body.UNTIL_CLOSE;
            instanceKeepsConnection = false;
        }
        client.write(clientHead(client, true), client.voidPromise());
    }

    /** The head as the client gets it: the router's HTTP version, the lines that pass on, and its own framing lines. */
    private ByteBuf clientHead(ChannelHandlerContext client, boolean last) {
        int start = head.readerIndex();
        ByteBuf out = client.alloc().directBuffer(scan.end - start + CONNECTION_CLOSE.length + CHUNKED.length);
        out.writeBytes(HTTP_1_1).writeBytes(head, scan.versionEnd, scan.lineEnd + 2 - scan.versionEnd);
        HeadBytes.copyWithout(head, scan.lineEnd + 2, scan.end - 2, scan.dropped, scan.droppedCount, out);
        if (last && !clientKeepAlive) {
            out.writeBytes(CONNECTION_CLOSE);
        }
        if (last && body == Body.UNTIL_CLOSE) {
            out.writeBytes(CHUNKED);
        }
        return out.writeBytes(CRLF);
    }

    private Progress body(ChannelHandlerContext client, ByteBuf in) {
        int readable = in.readableBytes();
        switch (body) {
            case NONE -> {
                instanceKeepsConnection &= readable == 0;
                in.release();
                return Progress.COMPLETE;
            }
            case LENGTH -> {
                if (readable < remaining) {
                    passOn(client, in, readable);
                    remaining -= readable;
                    return Progress.MORE;
                }
                // More than the length: the instance is out of step, its connection is not kept.
                instanceKeepsConnection &= readable == remaining;
                passOn(client, in.readRetainedSlice((int) remaining), (int) remaining);
                in.release();
                return Progress.COMPLETE;
            }
            case CHUNKED -> {
                int end = chunks.advance(in, in.readerIndex(), in.writerIndex());
                if (end == ChunkedBodyScan.MALFORMED) {
                    in.release();
                    return Progress.BROKEN_BODY;
                }
                if (end == ChunkedBodyScan.MORE) {
                    passOn(client, in, readable);
                    bytes = chunks.data();
                    return Progress.MORE;
                }
                instanceKeepsConnection &= end == in.writerIndex();
                int length = end - in.readerIndex();
                passOn(client, in.readRetainedSlice(length), length);
                in.release();
                bytes = chunks.data();
                return Progress.COMPLETE;
            }
            default -> {
                if (readable == 0) {
                    in.release();
                    return Progress.MORE;
                }
                // The client's connection stays open: the body goes to it in chunks, one per read.
                ByteBuf size = client.alloc().directBuffer(12);
                size.writeCharSequence(Integer.toHexString(readable), StandardCharsets.US_ASCII);
                client.write(size.writeBytes(CRLF), client.voidPromise());
                passOn(client, in, readable);
                client.write(Unpooled.wrappedBuffer(CRLF), client.voidPromise());
                return Progress.MORE;
            }
        }
    }

    private void passOn(ChannelHandlerContext client, ByteBuf piece, int length) {
        bytes += length;
        if (length == 0) {
            piece.release();
            return;
        }
        client.write(piece, client.voidPromise());
    }
}
