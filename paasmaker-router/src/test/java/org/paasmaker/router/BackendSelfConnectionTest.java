package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection to a local port that nothing listens on, made from that same port, connects to itself.
 * Left to chance it happens a few times in a hundred thousand connections to a dead instance's port;
 * here the connection is bound to the port it asks, which makes it happen every time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackendSelfConnectionTest {

    private final Transport transport = Transport.best();
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    private final Bootstrap bootstrap = new Bootstrap().group(loops).channel(transport.channel())
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel connection) {
                    // nothing to read: the tests look at the connections alone
                }
            });

    @AfterEach
    void stopLoops() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aConnectionThatReachedItselfFailsAsRefusedAndLetsGoOfThePort() throws IOException {
        InetSocketAddress unused = unusedPort();
        ChannelFuture raw = bootstrap.connect(unused, unused).awaitUninterruptibly();
        assertThat(raw.isSuccess()).as("the kernel connected the socket to itself").isTrue();
        assertThat(raw.channel().localAddress()).isEqualTo(raw.channel().remoteAddress());
        raw.channel().close().syncUninterruptibly();

        InetSocketAddress dead = unusedPort();
        ChannelFuture checked = BackendPool.refusingItself(bootstrap.connect(dead, dead)).awaitUninterruptibly();

        assertThat(checked.isSuccess()).isFalse();
        assertThat(checked.cause()).isInstanceOf(ConnectException.class)
                .hasMessage("nothing listens on " + dead + ": the connection reached itself");
        assertThat(checked.channel().closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS)).isTrue();
        // The transport lets go of a closed socket's port a moment after the close has completed (io_uring's
        // operations on it end first); closed rather than reset, it would keep the port for a minute (TIME_WAIT).
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(listensOn(dead)).as("the instance can listen on its port again").isTrue());
    }

    @Test
    void aConnectionToAListenerSucceeds() throws IOException {
        try (ServerSocket instance = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChannelFuture checked = BackendPool.refusingItself(
                    bootstrap.connect(instance.getLocalSocketAddress())).awaitUninterruptibly();

            assertThat(checked.isSuccess()).isTrue();
            assertThat(checked.channel().isActive()).isTrue();
            checked.channel().close().syncUninterruptibly();
        }
    }

    @Test
    void aRefusedConnectionKeepsItsCause() throws IOException {
        ChannelFuture checked = BackendPool.refusingItself(bootstrap.connect(unusedPort())).awaitUninterruptibly();

        assertThat(checked.isSuccess()).isFalse();
        assertThat(checked.cause()).isInstanceOf(ConnectException.class).hasMessageNotContaining("reached itself");
    }

    private static boolean listensOn(InetSocketAddress address) throws IOException {
        try (ServerSocket instance = new ServerSocket()) {
            instance.setReuseAddress(false);
            instance.bind(address);
            return true;
        } catch (BindException taken) {
            return false;
        }
    }

    private static InetSocketAddress unusedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        }
    }
}
