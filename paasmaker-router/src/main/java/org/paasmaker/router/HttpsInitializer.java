package org.paasmaker.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

/**
 * The HTTPS listener's connections: TLS with the certificate SNI names, from the table current at the
 * handshake; then, as ALPN chose, HTTP/1.1 or HTTP/2. Each HTTP/2 stream is turned into HTTP/1.1
 * objects and served by a {@link FrontendHandler} of its own, so both protocols share one proxy (its
 * routing, pools, statistics, access log, drain counting and error pages), towards instances that
 * speak HTTP/1.1 as before.
 *
 * <p>A handshake without SNI, or for a name no certificate covers, is refused (the connection is
 * closed) rather than served a default certificate: the client could not have trusted it for its
 * name anyway, and the first certificate's names would tell a stranger which other applications the
 * router serves.
 */
final class HttpsInitializer extends ChannelInitializer<Channel> {

    /** As nginx: enough for a page's resources at once, bounded so one connection cannot take a loop's all. */
    private static final int MAX_CONCURRENT_STREAMS = 128;

    private final ProxyContext context;
    private final long idleMillis;

    HttpsInitializer(ProxyContext context, long idleMillis) {
        this.context = context;
        this.idleMillis = idleMillis;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                new SniHandler(new CurrentCertificates()), new Negotiated());
    }

    /** The certificate for an SNI name in the table current now; a failed lookup refuses the handshake. */
    private final class CurrentCertificates implements AsyncMapping<String, SslContext> {

        @Override
        public Future<SslContext> map(String sniName, Promise<SslContext> promise) {
            SslContext found = context.routes().get().certificates().find(sniName);
            return found != null ? promise.setSuccess(found) : promise.setFailure(new SSLHandshakeException(
                    sniName == null ? "the client sent no SNI name" : "no certificate covers " + sniName));
        }
    }

    private final class Negotiated extends ApplicationProtocolNegotiationHandler {

        Negotiated() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                        .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                        .build();
                ctx.pipeline().addLast(codec, new Http2MultiplexHandler(new StreamInitializer()), new IdleHttp2(codec));
            } else {
                ctx.pipeline().addLast(new ByteRelayHandler(context, true));
            }
            Transport.acknowledgeNow(ctx.channel());
        }

        /** Quietly: scanners and clients that distrust the certificate fail handshakes all day. */
        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {

        @Override
        protected void initChannel(Http2StreamChannel stream) {
            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true, false), new Http2Requests(),
                    new FrontendHandler(context, true));
        }
    }

    /**
     * Closes an HTTP/2 connection that sat idle with no stream open; one whose streams are all waiting
     * for their responses (or sending them) is not idle. Errors of the connection close it.
     */
    private static final class IdleHttp2 extends io.netty.channel.ChannelInboundHandlerAdapter {

        private final Http2FrameCodec codec;

        IdleHttp2(Http2FrameCodec codec) {
            this.codec = codec;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                if (codec.connection().numActiveStreams() == 0) {
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
    }
}
