package org.paasmaker.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.EventExecutor;
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

    BackendPool(EventExecutor loop, Transport transport, ByteBufAllocator buffers, Duration connectTimeout) {
        this.bootstrap = new Bootstrap()
                .group((EventLoop) loop)
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, buffers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(Http.decoderConfig(), false, false),
                                new BackendConnection(BackendPool.this));
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
        return bootstrap.connect(backend.address());
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
