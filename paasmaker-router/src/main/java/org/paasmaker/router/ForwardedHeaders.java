package org.paasmaker.router;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Tells an instance who really asked: the client's address, the scheme, the Host and the port it used. */
final class ForwardedHeaders {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");

    private ForwardedHeaders() {
    }

    /** The client's address as X-Forwarded-For and the access log give it. */
    static String clientAddress(Channel connection) {
        SocketAddress remote = connection.remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    /** The router's port the client connected to, for X-Forwarded-Port. */
    static int localPort(Channel connection) {
        SocketAddress local = connection.localAddress();
        return local instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    /**
     * Appends the client to X-Forwarded-For (as nginx's $proxy_add_x_forwarded_for) and sets the others,
     * replacing whatever the client sent: {@code https} for a request that came over TLS.
     *
     * @param port the router's port the client connected to
     */
    static void add(HttpHeaders headers, String clientAddress, String host, boolean secure, int port) {
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        headers.set(X_FORWARDED_PROTO, secure ? HTTPS : HTTP);
        headers.set(X_FORWARDED_HOST, host);
        headers.setInt(X_FORWARDED_PORT, port);
    }
}
