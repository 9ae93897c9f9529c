package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The listening side: one group of event loops that both accepts and serves (no separate boss
 * group, whose thread would only add a hand-off), each client connection on one loop for life; the
 * plain HTTP listener and, when the settings ask for one, the HTTPS listener on the same loops.
 */
final class ProxyServer implements AutoCloseable {

    private static final int BACKLOG = 1024;

    private final EventLoopGroup loops;
    private final Channel listener;
    private final Channel httpsListener;

    private ProxyServer(EventLoopGroup loops, Channel listener, Channel httpsListener) {
        this.loops = loops;
        this.listener = listener;
        this.httpsListener = httpsListener;
    }

    /**
     * Client connections time out on reading only: tracking writes too would cost a promise and a
     * listener per write, and {@link ByteRelayHandler} and {@link FrontendHandler} ignore the timeout during an
     * exchange anyway.
     *
     * @param contexts makes the connections' shared context once the loops exist (the pools need them) */
    static ProxyServer start(RouterSettings settings, Transport transport, ByteBufAllocator buffers,
            Function<EventLoopGroup, ProxyContext> contexts) {
        long idleMillis = settings.idleTimeout().toMillis();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(settings.eventLoops(),
                new DefaultThreadFactory("router-loop", true), transport.ioHandlers());
        int port = settings.port();
        String variable = "PAASMAKER_ROUTER_PORT";
        try {
            ProxyContext context = contexts.apply(loops);
            Channel listener = listen(settings, transport, buffers, loops, port, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                            new ByteRelayHandler(context, false));
                }
            });
            Channel httpsListener = null;
            if (settings.servesHttps()) {
                port = settings.httpsPort();
                variable = "PAASMAKER_ROUTER_HTTPS_PORT";
                try {
                    httpsListener = listen(settings, transport, buffers, loops, port, new HttpsInitializer(context, idleMillis));
                } catch (Exception e) {
                    listener.close().syncUninterruptibly();
                    throw e;
                }
            }
            return new ProxyServer(loops, listener, httpsListener);
        } catch (Exception e) {
            // Exception, not only the declared ones: a refused bind comes as Netty's (checked) NativeIoException.
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PaasmakerException(ErrorCode.INTERNAL, "the router cannot listen on " + settings.bindAddress() + ":"
                    + port + ": " + e.getMessage() + "; choose a free port (" + variable + ")", e);
        }
    }

    private static Channel listen(RouterSettings settings, Transport transport, ByteBufAllocator buffers, EventLoopGroup loops,
            int port,
            ChannelInitializer<Channel> connections) throws InterruptedException {
        return new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, buffers)
                .childHandler(connections)
                .bind(settings.bindAddress(), port)
                .sync()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The HTTPS listener's port; {@link RouterSettings#HTTPS_OFF} when there is none. */
    int httpsPort() {
        return httpsListener == null ? RouterSettings.HTTPS_OFF : ((InetSocketAddress) httpsListener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        if (httpsListener != null) {
            httpsListener.close().syncUninterruptibly();
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
