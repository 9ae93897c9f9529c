package org.paasmaker.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One connection to an instance, and the handler at the end of its pipeline: while an exchange owns
 * it, everything it reads goes to that client connection's {@link FrontendHandler}; while idle in
 * its pool, a close takes it out of the pool and anything read closes it (an instance has nothing to
 * say between requests).
 */
final class BackendConnection extends ChannelInboundHandlerAdapter {

    private final BackendPool pool;
    private Channel channel;
    private BackendOwner owner;
    private Backend idleFor;

    BackendConnection(BackendPool pool) {
        this.pool = pool;
    }

    Channel channel() {
        return channel;
    }

    void attach(BackendOwner frontend) {
        owner = frontend;
        idleFor = null;
    }

    /** Closes a connection that will carry no more exchange: nothing it still reads reaches its owner. */
    void abandon() {
        owner = null;
        idleFor = null;
        channel.close();
    }

    void becomeIdle(Backend backend) {
        owner = null;
        idleFor = backend;
        FrontendHandler.setAutoRead(channel, true);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (owner != null) {
            owner.backendRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (owner != null) {
            BackendOwner frontend = owner;
            owner = null;
            frontend.backendClosed(this);
        } else if (idleFor != null) {
            pool.forget(idleFor, this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a protocol error from the instance: closing reaches channelInactive, which tells the owner.
        ctx.close();
    }
}
