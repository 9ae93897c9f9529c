package org.paasmaker.router;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The fastest I/O the kernel offers: io_uring where it is allowed (measured at 1.2 times nginx's
 * throughput against epoll's 0.9, docs/benchmarks.md), else epoll (fewer system calls than NIO,
 * gathering writes), else NIO. {@code -Dpaasmaker.router.transport=epoll} (or {@code nio}) asks for
 * another, for a kernel whose io_uring misbehaves.
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends Channel> channel) {

    static final String CHOICE = "paasmaker.router.transport";

    static Transport best() {
        String asked = System.getProperty(CHOICE, "io_uring");
        if (asked.equals("io_uring") && IoUring.isAvailable()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
        }
        if (!asked.equals("nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /**
     * Sends the acknowledgement the kernel is holding back (delayed ACK) at once, where the transport
     * can ask for it (TCP_QUICKACK). After a TLS 1.3 handshake the server has nothing to send until
     * the first request: a client that leaves Nagle's algorithm on holds that request until its last
     * handshake message is acknowledged, 40 ms later, unless the server acknowledges it now.
     */
    static void acknowledgeNow(Channel connection) {
        if (connection instanceof IoUringSocketChannel) {
            connection.config().setOption(IoUringChannelOption.TCP_QUICKACK, true);
        } else if (connection instanceof EpollSocketChannel) {
            connection.config().setOption(EpollChannelOption.TCP_QUICKACK, true);
        }
    }
}
