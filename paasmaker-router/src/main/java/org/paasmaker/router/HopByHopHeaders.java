package org.paasmaker.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Removes the headers that concern one connection only (RFC 9110 7.6.1), and those the Connection
 * header names. Transfer-Encoding stays: it describes the framing, and Netty's encoder frames the
 * body on the next hop exactly as that header says.
 */
final class HopByHopHeaders {

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHopHeaders() {
    }

    /** @param keepUpgrade for a protocol upgrade (WebSocket): Connection: upgrade and Upgrade pass on */
    static void strip(HttpHeaders headers, boolean keepUpgrade) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            removeListed(headers, connection);
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        headers.remove(KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.PROXY_AUTHENTICATE);
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
        headers.remove(HttpHeaderNames.TE);
        if (keepUpgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /** Whether the request asks to switch protocols (a WebSocket handshake, say). */
    static boolean isUpgrade(HttpHeaders headers) {
        return headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    private static void removeListed(HttpHeaders headers, String connection) {
        int start = 0;
        while (start < connection.length()) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? connection.length() : comma;
            String name = connection.substring(start, end).trim();
            // The common values name no header: skip them without a lookup.
            if (!name.isEmpty() && !name.equalsIgnoreCase("keep-alive") && !name.equalsIgnoreCase("close")
                    && !name.equalsIgnoreCase("upgrade")) {
                headers.remove(name);
            }
            start = end + 1;
        }
    }
}
