package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.EventExecutor;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The idle keep-alive connections of one event loop, per backend, most recently used first (a warm
 * connection is less likely to have been closed by the backend's idle timeout). Touched only by its
 * loop's thread.
 */
final class BackendPool {

    /** More idle connections than this per backend and loop are closed rather than kept. */
    private static final int MAX_IDLE_PER_BACKEND = 256;

    private final Map<Backend, ArrayDeque<BackendConnection>> idle = new HashMap<>();
    private final Bootstrap bootstrap;

    /**
     * @param relayed whether the connections carry bytes for {@link ByteRelayHandler} (no codec) or HTTP
     *     objects for {@link FrontendHandler}: the two never share a connection
     */
    BackendPool(EventExecutor loop, Transport transport, ByteBufAllocator buffers, Duration connectTimeout, boolean relayed) {
        this.bootstrap = new Bootstrap()
                .group((EventLoop) loop)
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, buffers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (!relayed) {
                            channel.pipeline().addLast(new HttpClientCodec(Http.decoderConfig(), false, false));
                        }
                        channel.pipeline().addLast(new BackendConnection(BackendPool.this));
                    }
                });
    }

    /** An idle connection to this backend, taken out of the pool; null when there is none. */
    BackendConnection poll(Backend backend) {
        ArrayDeque<BackendConnection> connections = idle.get(backend);
        if (connections == null) {
            return null;
        }
        BackendConnection connection;
        while ((connection = connections.pollLast()) != null) {
            if (connection.channel().isActive()) {
                return connection;
            }
        }
        return null;
    }

    /** Opens a new connection; its future's channel carries a {@link BackendConnection}. */
    ChannelFuture connect(Backend backend) {
        return refusingItself(bootstrap.connect(backend.address()));
    }

    /**
     * Fails a connection that reached itself, as if refused. The instances' ports (42600-42699 by
     * default, the original's) lie in Linux's ephemeral range: a connection to a local instance that
     * has died can be given that very port as its own and connect to itself (TCP's simultaneous
     * open). The request would then come back as its own answer, and the port stay held from the
     * instance that restarts on it; refused, it goes to another target instead. The connection is
     * reset rather than closed: a closed one would keep the port in TIME_WAIT for a minute, and the
     * instance could not listen on it even with SO_REUSEADDR (the waiting socket had not set it).
     */
    static ChannelFuture refusingItself(ChannelFuture connecting) {
        Channel channel = connecting.channel();
        ChannelPromise connected = channel.newPromise();
        connecting.addListener(attempt -> {
            if (!attempt.isSuccess()) {
                connected.setFailure(attempt.cause());
            } else if (channel.localAddress().equals(channel.remoteAddress())) {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
                connected.setFailure(new ConnectException("nothing listens on " + channel.remoteAddress()
                        + ": the connection reached itself"));
            } else {
                connected.setSuccess();
            }
        });
        return connected;
    }

    /** Keeps a connection whose exchange ended cleanly, unless its backend is draining or enough are kept. */
    void release(Backend backend, BackendConnection connection) {
        if (backend.isDraining() || !connection.channel().isActive()) {
            connection.channel().close();
            return;
        }
        ArrayDeque<BackendConnection> connections = idle.computeIfAbsent(backend, key -> new ArrayDeque<>());
        if (connections.size() >= MAX_IDLE_PER_BACKEND) {
            connection.channel().close();
            return;
        }
        connection.becomeIdle(backend);
        connections.addLast(connection);
    }

    /** Forgets an idle connection that the backend closed. */
    void forget(Backend backend, BackendConnection connection) {
        ArrayDeque<BackendConnection> connections = idle.get(backend);
        if (connections != null) {
            connections.remove(connection);
            if (connections.isEmpty()) {
                idle.remove(backend);
            }
        }
    }

    void closeIdle(Backend backend) {
        ArrayDeque<BackendConnection> connections = idle.remove(backend);
        if (connections != null) {
            connections.forEach(connection -> connection.channel().close());
        }
    }
}
