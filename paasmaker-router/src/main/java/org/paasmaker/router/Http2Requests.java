package org.paasmaker.router;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil.ExtensionHeaderNames;

/**
 * Fits the requests of an HTTP/2 stream, as {@code Http2StreamFrameToHttpObjectCodec} makes them, to
 * what {@link FrontendHandler} relays: a request whose headers ended the stream comes whole, and is
 * passed on as a head and its (last) content, as HTTP/1.1 requests come; the {@code x-http2-*} headers
 * the conversion adds are Netty's own and stay out of what instances see.
 */
final class Http2Requests extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            for (ExtensionHeaderNames name : ExtensionHeaderNames.values()) {
                request.headers().remove(name.text());
            }
        }
        if (msg instanceof FullHttpRequest full) {
            HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            ctx.fireChannelRead(head);
            ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
