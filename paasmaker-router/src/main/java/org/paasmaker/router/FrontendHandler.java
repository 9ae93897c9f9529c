package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One client connection: routes each request on its Host header and relays it to an instance over
 * a keep-alive connection of this event loop's pool, then relays the response back, body pieces by
 * reference as they come, never gathered. Writes happen as messages are read and are flushed when a
 * read batch ends. A side that cannot take more stops the other side's reading until it can.
 *
 * <p>One request is relayed at a time: a pipelined next request waits (with reading paused) until
 * the response before it is complete. A request is sent only once a connection is open, so when an
 * instance refuses the connection another target takes the request; a request without a body whose
 * reused connection turns out to have been closed by the instance is sent once more on a new one.
 * After a 101 answer to an upgrade (a WebSocket handshake), both connections drop their HTTP codecs
 * and become a plain byte tunnel.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements BackendOwner {

    /** What nginx logs when the client went away before its response was complete. */
    private static final int CLIENT_CLOSED = 499;

    private final ProxyContext context;
    private final boolean secure;
    private final ArrayDeque<HttpContent> pendingBody = new ArrayDeque<>();
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    private final RouteChoice choice;
    private ChannelHandlerContext ctx;
    /** The client's idle timeout, on a connection that has one (an HTTP/2 stream's is its connection's). */
    private IdleStateHandler idle;
    private BackendPool pool;
    private String clientAddress;
    private int localPort;
    private boolean inRead;

    // The exchange in progress, from a request's head to the end of its response.
    private boolean active;
    private boolean requestDone;
    private boolean skipBody;
    private HttpRequest request;
    private String host;
    private String method;
    private String uri;
    private long startNanos;
    private Backend backend;
    private BackendConnection connection;
    private boolean connecting;
    private boolean reused;
    private boolean resent;
    private boolean bodySent;
    private boolean clientKeepAlive;
    private boolean backendKeepAlive;
    private boolean upgrade;
    private boolean tunnel;
    private boolean responseStarted;
    private boolean informational;
    private int status;
    private long bytes;

    /** @param secure whether the client's connection is TLS (one of its HTTP/2 streams, or HTTP/1.1 over TLS) */
    FrontendHandler(ProxyContext context, boolean secure) {
        this.context = context;
        this.secure = secure;
        this.choice = new RouteChoice(context.routes());
    }

    /**
     * Set up when added, not when the channel turns active: over TLS the handler joins a connection
     * that is active already, once ALPN has chosen HTTP/1.1, or an HTTP/2 stream.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.idle = ctx.pipeline().get(IdleStateHandler.class);
        this.pool = context.pools().current();
        clientAddress = ForwardedHeaders.clientAddress(ctx.channel());
        localPort = ForwardedHeaders.localPort(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        if (tunnel) {
            relayRaw(msg, connection == null ? null : connection.channel());
        } else if ((active && requestDone) || !pipelined.isEmpty()) {
            pipelined.add(msg);
            updateClientReading();
        } else {
            dispatch(msg);
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
            setAutoRead(connection.channel(), ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pendingBody.forEach(ReferenceCountUtil::release);
        pendingBody.clear();
        pipelined.forEach(ReferenceCountUtil::release);
        pipelined.clear();
        if (active) {
            dropConnection();
            complete(tunnel ? status : CLIENT_CLOSED);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // Only a connection between requests is idle; a slow response or a WebSocket is not.
            if (!active && pipelined.isEmpty()) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the client, mostly; closing reaches channelInactive, which ends any exchange.
        ctx.close();
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest head) {
            startExchange(head);
        } else if (msg instanceof HttpContent content) {
            requestBody(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startExchange(HttpRequest head) {
        startNanos = System.nanoTime();
        request = head;
        method = head.method().name();
        uri = head.uri();
        host = head.headers().get(HttpHeaderNames.HOST);
        requestDone = false;
        resent = false;
        bodySent = false;
        responseStarted = false;
        informational = false;
        status = 0;
        bytes = 0;
        clientKeepAlive = HttpUtil.isKeepAlive(head);
        if (head.decoderResult().isFailure()) {
            clientKeepAlive = false;
            answer(ErrorPages.badRequest(ctx.alloc()), null);
            return;
        }
        RouteSnapshot snapshot = context.routes().get();
        if (!secure && PlainHttpAnswers.isChallenge(head)) {
            answer(PlainHttpAnswers.challenge(ctx.alloc(), snapshot, uri), null);
            return;
        }
        if (host == null || HostMatcher.nameEnd(host) == 0) {
            answer(ErrorPages.noHost(ctx.alloc()), null);
            return;
        }
        TargetSet targets = snapshot.find(host);
        if (targets == null) {
            answer(ErrorPages.unknownHost(ctx.alloc(), host), null);
            return;
        }
        if (!secure && targets.redirectToHttps() && context.httpsPort().getAsInt() > 0) {
            answer(PlainHttpAnswers.redirect(ctx.alloc(), head, host, context.httpsPort().getAsInt()), null);
            return;
        }
        backend = choice.first(snapshot, targets, host);
        if (backend == null) {
            answer(ErrorPages.noLiveTarget(ctx.alloc(), host), null);
            return;
        }
        HttpHeaders headers = head.headers();
        upgrade = HopByHopHeaders.isUpgrade(headers);
        HopByHopHeaders.strip(headers, upgrade);
        ForwardedHeaders.add(headers, clientAddress, host, secure, localPort);
        active = true;
        useConnection(pool.poll(backend));
    }

    private void requestBody(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (skipBody || !active) {
            content.release();
            skipBody &= !last;
            return;
        }
        requestDone = last;
        bodySent |= content.content().isReadable();
        if (connection == null) {
            pendingBody.add(content);
        } else {
            connection.channel().write(content, connection.channel().voidPromise());
        }
    }

    private void useConnection(BackendConnection idle) {
        if (idle == null) {
            connect();
            return;
        }
        reused = true;
        attach(idle);
        sendHead();
    }

    private void connect() {
        reused = false;
        connecting = true;
        updateClientReading();
        Backend target = backend;
        pool.connect(target).addListener((ChannelFutureListener) future -> connected(future, target));
    }

    private void connected(ChannelFuture future, Backend target) {
        connecting = false;
        if (!active || backend != target) {
            // The client went away meanwhile, and the exchange was ended then.
            future.channel().close();
            return;
        }
        if (future.isSuccess()) {
            attach(future.channel().pipeline().get(BackendConnection.class));
            sendHead();
            updateClientReading();
            return;
        }
        // Refused (or timed out): nothing was sent, so another target can take the request.
        Backend next = choice.afterRefusal(target);
        if (next == null) {
            backend = null;
            answer(ErrorPages.noAnswer(ctx.alloc(), host), target);
            return;
        }
        backend = next;
        useConnection(pool.poll(next));
    }

    private void attach(BackendConnection chosen) {
        connection = chosen;
        chosen.attach(this);
        setAutoRead(chosen.channel(), ctx.channel().isWritable());
    }

    private void sendHead() {
        Channel channel = connection.channel();
        channel.write(request, channel.voidPromise());
        HttpContent content;
        while ((content = pendingBody.poll()) != null) {
            channel.write(content, channel.voidPromise());
        }
        if (!inRead) {
            channel.flush();
        }
    }

    @Override
    public void backendRead(Object msg) {
        if (tunnel) {
            relayRaw(msg, ctx.channel());
            return;
        }
        if (msg instanceof HttpObject object && object.decoderResult().isFailure()) {
            // Not HTTP: closing the connection ends the exchange as a 502, or cuts a response under way.
            ReferenceCountUtil.release(msg);
            connection.channel().close();
            return;
        }
        if (msg instanceof HttpResponse head) {
            responseHead(head);
            if (tunnel) {
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            responseBody(content);
        }
    }

    @Override
    public void backendReadComplete() {
        ctx.flush();
    }

    @Override
    public void backendWritabilityChanged() {
        updateClientReading();
    }

    @Override
    public void backendClosed(BackendConnection closed) {
        if (closed != connection) {
            return;
        }
        connection = null;
        if (tunnel) {
            complete(status);
            ctx.close();
            return;
        }
        if (!responseStarted) {
            if (reused && !resent && requestDone && !bodySent) {
                // An idle connection the instance had closed just as it was reused: send again on a new one.
                resent = true;
                pendingBody.add(LastHttpContent.EMPTY_LAST_CONTENT);
                connect();
                return;
            }
            Backend failed = backend;
            backend = null;
            failed.release();
            answer(ErrorPages.noAnswer(ctx.alloc(), host), failed);
            return;
        }
        // The response broke off: the client can only learn that from its connection closing.
        complete(status);
        ctx.close();
    }

    private void responseHead(HttpResponse head) {
        int code = head.status().code();
        responseStarted = true;
        if (code == 101 && upgrade) {
            startTunnel(head);
            return;
        }
        if (code < 200) {
            // 100 Continue and the like: passed on, and the real response follows.
            informational = true;
            ctx.write(head, ctx.voidPromise());
            return;
        }
        status = code;
        backendKeepAlive = HttpUtil.isKeepAlive(head);
        HopByHopHeaders.strip(head.headers(), false);
        clientKeepAlive = ClientFraming.apply(head, request, clientKeepAlive);
        ctx.write(head, ctx.voidPromise());
    }

    private void responseBody(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (informational) {
            informational = !last;
            ctx.write(content, ctx.voidPromise());
            return;
        }
        bytes += content.content().readableBytes();
        if (!last) {
            ctx.write(content, ctx.voidPromise());
            return;
        }
        boolean keepClient = clientKeepAlive && requestDone;
        // Flushed now: the backend connection is handed back below, so its read-complete no longer reaches us.
        ChannelFuture written = ctx.writeAndFlush(content);
        if (!keepClient) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        BackendConnection done = connection;
        connection = null;
        if (backendKeepAlive && requestDone) {
            pool.release(backend, done);
        } else {
            done.abandon();
        }
        complete(status);
        if (keepClient) {
            replayPipelined();
        } else {
            skipBody = !requestDone;
        }
    }

    private void startTunnel(HttpResponse head) {
        status = head.status().code();
        HopByHopHeaders.strip(head.headers(), true);
        ctx.write(head, ctx.voidPromise());
        tunnel = true;
        connection.channel().pipeline().remove(HttpClientCodec.class);
        ctx.pipeline().remove(HttpServerCodec.class);
        ctx.flush();
    }

    private void relayRaw(Object msg, Channel to) {
        if (msg instanceof ByteBuf && to != null) {
            to.write(msg, to.voidPromise());
        } else {
            // What the HTTP codecs still emitted as they were removed (the end of the 101 response).
            ReferenceCountUtil.release(msg);
        }
    }

    /** Answers the request itself (an error page) and goes on with the connection's next request. */
    private void answer(FullHttpResponse response, Backend chargedTo) {
        status = response.status().code();
        bytes = response.content().readableBytes();
        pendingBody.forEach(ReferenceCountUtil::release);
        pendingBody.clear();
        dropConnection();
        finished(status, chargedTo);
        endExchange();
        skipBody = !requestDone;
        HttpUtil.setKeepAlive(response, clientKeepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            replayPipelined();
        }
    }

    private void dropConnection() {
        if (connection != null) {
            connection.abandon();
            connection = null;
        }
    }

    private void finished(int code, Backend served) {
        context.finished(startNanos, host, method, uri, code, bytes, served);
    }

    /** Ends the exchange with this status: counted, logged, and its backend's request no longer in flight. */
    private void complete(int code) {
        Backend served = backend;
        finished(code, served);
        if (served != null) {
            served.release();
        }
        endExchange();
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
        connecting = false;
        tunnel = false;
    }

    /** Goes on with requests that arrived while the one before was answered. */
    private void replayPipelined() {
        Object next;
        while (!(active && requestDone) && (next = pipelined.poll()) != null) {
            dispatch(next);
        }
        if (connection != null) {
            connection.channel().flush();
        }
        updateClientReading();
    }

    private void updateClientReading() {
        setAutoRead(ctx.channel(),
                !connecting && pipelined.isEmpty() && (connection == null || connection.channel().isWritable()));
    }

    /** Sets auto-read only when it changes: setting it is an atomic exchange, and this runs for every request. */
    static void setAutoRead(Channel channel, boolean read) {
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }
}
