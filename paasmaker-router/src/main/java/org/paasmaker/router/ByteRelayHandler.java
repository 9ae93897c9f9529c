package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 client connection, relayed as bytes: the request head is read in place
 * ({@link RequestHeadScan}) and passed on with its hop-by-hop lines left out and the X-Forwarded-*
 * lines added, and the response likewise ({@link RelayedResponse}), its body passing through
 * untouched. No request or header objects are made: Netty's HTTP codecs with their header maps were
 * half of the router's own CPU a request (docs/benchmarks.md, issue 20's seventh pass).
 *
 * <p>Only plain requests without a body are relayed so. At the first request that is anything else (a
 * body, an upgrade, HTTP/1.0, an unknown host, an error to answer, a head in doubt) the connection is
 * handed over for good to Netty's codec and {@link FrontendHandler}, which gets the bytes read so far
 * as if it had been there from the start: the two give a client the same answers.
 *
 * <p>Like {@link FrontendHandler}: one exchange at a time (what a client sends meanwhile waits),
 * keep-alive connections from this loop's pool (its byte connections), a refused connection tries
 * the next target, a reused connection that the instance had closed is tried once more on a new one,
 * a body without a length is chunked for the client, statistics and the access log for every exchange.
 */
final class ByteRelayHandler extends ChannelInboundHandlerAdapter implements BackendOwner {

    private static final int CLIENT_CLOSED = 499;
    private static final byte[] CRLF = HeadBytes.CRLF;
    private static final byte[] FORWARDED_FOR = HeadBytes.bytes("X-Forwarded-For: ");
    private static final byte[] AND = HeadBytes.bytes(", ");
    private static final byte[] PROTO_HTTP = HeadBytes.bytes("\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: ");
    private static final byte[] PROTO_HTTPS = HeadBytes.bytes("\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: ");
    private static final byte[] FORWARDED_PORT = HeadBytes.bytes("\r\nX-Forwarded-Port: ");

    private final ProxyContext context;
    private final boolean secure;
    private final RequestHeadScan request = new RequestHeadScan();
    private final RelayedResponse response = new RelayedResponse();
    private final RouteChoice choice;
    private ChannelHandlerContext ctx;
    private IdleStateHandler idle;
    private BackendPool pool;
    private String clientAddress;
    private byte[] localPort;
    /** What the client sent that is not relayed yet: a head in parts, or a next request come early. */
    private ByteBuf received;
    private boolean inRead;
    /** A response that ends the connection is on its way: the client is not read any more. */
    private boolean closing;

    // The exchange in progress, from a request's head to the end of its response.
    private boolean active;
    private long startNanos;
    private String host;
    private boolean clientKeepAlive;
    private Backend backend;
    private BackendConnection connection;
    private boolean reused;
    private boolean resent;
    /** The request as sent, kept until the response starts: it can go once more on a new connection. */
    private ByteBuf requestBytes;

    /** @param secure whether the client's connection is TLS */
    ByteRelayHandler(ProxyContext context, boolean secure) {
        this.context = context;
        this.secure = secure;
        this.choice = new RouteChoice(context.routes());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.idle = ctx.pipeline().get(IdleStateHandler.class);
        this.pool = context.pools().currentRelayed();
        clientAddress = ForwardedHeaders.clientAddress(ctx.channel());
        localPort = HeadBytes.bytes(Integer.toString(ForwardedHeaders.localPort(ctx.channel())));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        ByteBuf in = (ByteBuf) msg;
        if (closing) {
            // After a response that closes the connection nothing more is a request (RFC 9112, 9.6).
            in.release();
            return;
        }
        received = received == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), received, in);
        if (active) {
            updateClientReading();
        } else {
            next();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (connection != null) {
            connection.channel().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            FrontendHandler.setAutoRead(connection.channel(), ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseReceived();
        response.release();
        if (active) {
            dropConnection();
            complete(CLIENT_CLOSED, response.bytes());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseReceived();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // Between requests, or with a head that stopped coming: a slow response is not idleness.
            if (!active) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Relays the next request, if a whole one is here; hands the connection over if it cannot. */
    private void next() {
        if (received != null && received.isReadable()) {
            startNanos = System.nanoTime();
            switch (request.scan(received, secure)) {
                case NEED_MORE -> { }
                case HAND_OVER -> handOver();
                case RELAY -> relay();
            }
        }
        // Once handed over, the codec's handler decides when the client is read.
        if (!ctx.isRemoved()) {
            updateClientReading();
        }
    }

    private void relay() {
        RouteSnapshot snapshot = context.routes().get();
        TargetSet found = snapshot.find(request.host);
        if (found == null || (!secure && found.redirectToHttps() && context.httpsPort().getAsInt() > 0)) {
            // An error page or a redirect to answer: the codec's path has them.
            handOver();
            return;
        }
        host = request.host;
        Backend chosen = choice.first(snapshot, found, host);
        if (chosen == null) {
            handOver();
            return;
        }
        backend = chosen;
        clientKeepAlive = request.keepAlive;
        response.expect(request.method.equals("HEAD"), clientKeepAlive);
        resent = false;
        requestBytes = requestBytes(received);
        releaseReceived();
        active = true;
        use(pool.poll(backend));
    }

    private ByteBuf requestBytes(ByteBuf in) {
        int start = in.readerIndex();
        int forwardedFor = request.forwardedForStart < 0 ? 0 : request.forwardedForEnd - request.forwardedForStart + AND.length;
        ByteBuf out = ctx.alloc().directBuffer(request.end - start + forwardedFor + clientAddress.length() + host.length() + 128);
        // Everything but the blank line, then the forwarding lines and the blank line.
        HeadBytes.copyWithout(in, start, request.end - 2, request.dropped, request.droppedCount, out);
        out.writeBytes(FORWARDED_FOR);
        if (request.forwardedForStart >= 0) {
            out.writeBytes(in, request.forwardedForStart, request.forwardedForEnd - request.forwardedForStart).writeBytes(AND);
        }
        out.writeCharSequence(clientAddress, StandardCharsets.US_ASCII);
        out.writeBytes(secure ? PROTO_HTTPS : PROTO_HTTP);
        out.writeCharSequence(host, StandardCharsets.US_ASCII);
        out.writeBytes(FORWARDED_PORT).writeBytes(localPort).writeBytes(CRLF).writeBytes(CRLF);
        return out;
    }

    /**
     * Gives the connection to Netty's codec and {@link FrontendHandler} for good, with what the client
     * sent so far: they answer it as if they had read it themselves.
     */
    private void handOver() {
        ByteBuf pending = received;
        received = null;
        String codec = ctx.name() + "-codec";
        ctx.pipeline().addAfter(ctx.name(), codec, new HttpServerCodec(Http.decoderConfig()))
                .addAfter(codec, ctx.name() + "-frontend", new FrontendHandler(context, secure));
        FrontendHandler.setAutoRead(ctx.channel(), true);
        ctx.fireChannelRead(pending);
        if (!inRead) {
            ctx.fireChannelReadComplete();
        }
        ctx.pipeline().remove(this);
    }

    private void use(BackendConnection idle) {
        if (idle == null) {
            connect();
            return;
        }
        reused = true;
        attach(idle);
        send();
    }

    private void connect() {
        reused = false;
        Backend target = backend;
        pool.connect(target).addListener((ChannelFutureListener) future -> connected(future, target));
    }

    private void connected(ChannelFuture future, Backend target) {
        if (!active || backend != target) {
            // The client went away meanwhile, and the exchange was ended then.
            future.channel().close();
            return;
        }
        if (future.isSuccess()) {
            attach(future.channel().pipeline().get(BackendConnection.class));
            send();
            return;
        }
        // Refused (or timed out): nothing was sent, so another target can take the request.
        Backend nextTarget = choice.afterRefusal(target);
        if (nextTarget == null) {
            backend = null;
            answer(ErrorPages.noAnswer(ctx.alloc(), host), target);
            return;
        }
        backend = nextTarget;
        use(pool.poll(nextTarget));
    }

    private void attach(BackendConnection chosen) {
        connection = chosen;
        chosen.attach(this);
        FrontendHandler.setAutoRead(chosen.channel(), ctx.channel().isWritable());
    }

    private void send() {
        Channel channel = connection.channel();
        channel.write(requestBytes.retainedDuplicate(), channel.voidPromise());
        if (!inRead) {
            channel.flush();
        }
    }

    @Override
    public void backendRead(Object msg) {
        RelayedResponse.Progress progress = response.read(ctx, (ByteBuf) msg);
        if (requestBytes != null && response.started()) {
            // Answered: the request will not be sent again.
            requestBytes.release();
            requestBytes = null;
        }
        switch (progress) {
            case MORE -> { }
            case COMPLETE -> finish();
            case BAD_HEAD -> badResponse();
            case BROKEN_BODY -> broken();
        }
    }

    /** The response is complete: the connections go on (or close), the exchange is counted. */
    private void finish() {
        if (clientKeepAlive) {
            ctx.flush();
        } else {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        BackendConnection done = connection;
        connection = null;
        if (done != null) {
            if (response.instanceKeepsConnection()) {
                pool.release(backend, done);
            } else {
                done.abandon();
            }
        }
        complete(response.status(), response.bytes());
        if (clientKeepAlive) {
            next();
        }
    }

    @Override
    public void backendReadComplete() {
        ctx.flush();
    }

    @Override
    public void backendWritabilityChanged() {
        // Requests relayed here have no body: nothing of the client's waits for the instance to take more.
    }

    @Override
    public void backendClosed(BackendConnection closed) {
        if (closed != connection) {
            return;
        }
        connection = null;
        if (response.endsWithTheConnection()) {
            if (response.closed(ctx) == RelayedResponse.Progress.COMPLETE) {
                finish();
            }
            return;
        }
        if (!response.started()) {
            boolean nothingCame = !response.anythingCame();
            response.release();
            if (reused && !resent && nothingCame) {
                // An idle connection the instance had closed just as it was reused: send again on a new one.
                // Not once part of an answer came: the instance had the request, and may have acted on it.
                resent = true;
                connect();
                return;
            }
            noAnswer();
            return;
        }
        broken();
    }

    private void badResponse() {
        dropConnection();
        if (!response.started()) {
            noAnswer();
            return;
        }
        broken();
    }

    /** Nothing of an answer reached the client: it gets the 502 page, charged to the instance. */
    private void noAnswer() {
        Backend failed = backend;
        backend = null;
        failed.release();
        answer(ErrorPages.noAnswer(ctx.alloc(), host), failed);
    }

    /** The response broke off: the client can only learn that from its connection closing. */
    private void broken() {
        dropConnection();
        complete(response.status(), response.bytes());
        ctx.flush();
        ctx.close();
    }

    /** Answers the request itself (a 502 page) and goes on with the connection's next request. */
    private void answer(FullHttpResponse page, Backend chargedTo) {
        int status = page.status().code();
        int bytes = page.content().readableBytes();
        ByteBuf out = HeadBytes.encode(page, !clientKeepAlive, ctx.alloc());
        response.release();
        dropConnection();
        finishedExchange(status, bytes, chargedTo);
        endExchange();
        ChannelFuture written = ctx.writeAndFlush(out);
        if (!clientKeepAlive) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            next();
        }
    }

    /** Ends the exchange with this status: counted, logged, and its backend's request no longer in flight. */
    private void complete(int code, long bytes) {
        finishedExchange(code, bytes, backend);
        if (backend != null) {
            backend.release();
        }
        endExchange();
    }

    private void finishedExchange(int code, long bytes, Backend served) {
        context.finished(startNanos, host, request.method, request.uri, code, bytes, served);
    }

    private void endExchange() {
        if (idle != null) {
            // The timeout counts from the last read, this request's: after a response slower than the timeout
            // the client would get less than the timeout, or nothing, to send its next request in.
            idle.resetReadTimeout();
        }
        active = false;
        backend = null;
        choice.clear();
        if (requestBytes != null) {
            requestBytes.release();
            requestBytes = null;
        }
    }

    private void dropConnection() {
        if (connection != null) {
            connection.abandon();
            connection = null;
        }
    }

    private void releaseReceived() {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    /** Reads on while what waits is less than a head; a client that sends more during an exchange waits. */
    private void updateClientReading() {
        FrontendHandler.setAutoRead(ctx.channel(), received == null || received.readableBytes() < RequestHeadScan.MAX_HEAD);
    }
}
