package org.paasmaker.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The listening side: one group of event loops that both accepts and serves (no separate boss
 * group, whose thread would only add a hand-off), each client connection on one loop for life.
 */
final class ProxyServer implements AutoCloseable {

    private static final int BACKLOG = 1024;

    private final EventLoopGroup loops;
    private final Channel listener;

    private ProxyServer(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /**
     * Client connections time out on reading only: tracking writes too would cost a promise and a
     * listener per write, and {@link FrontendHandler} ignores the timeout during an exchange anyway.
     *
     * @param contexts makes the connections' shared context once the loops exist (the pools need them) */
    static ProxyServer start(RouterSettings settings, Transport transport, Function<EventLoopGroup, ProxyContext> contexts) {
        long idleMillis = settings.idleTimeout().toMillis();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(settings.eventLoops(),
                new DefaultThreadFactory("router-loop", true), transport.ioHandlers());
        try {
            ProxyContext context = contexts.apply(loops);
            Channel listener = new ServerBootstrap()
                    .group(loops)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                                    new HttpServerCodec(Http.decoderConfig()), new FrontendHandler(context));
                        }
                    })
                    .bind(settings.bindAddress(), settings.port())
                    .sync()
                    .channel();
            return new ProxyServer(loops, listener);
        } catch (RuntimeException | InterruptedException e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PaasmakerException(ErrorCode.INTERNAL, "the router cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage() + "; choose a free port (PAASMAKER_ROUTER_PORT)", e);
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
