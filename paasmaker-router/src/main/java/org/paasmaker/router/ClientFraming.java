package org.paasmaker.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Fits an instance's response head to the client that gets it. A body without a length (the
 * instance closes its connection to end it) is chunked for an HTTP/1.1 client, so the client's
 * connection can stay open; an HTTP/1.0 client knows no chunks, so it gets the body unframed and
 * the connection closes after it. The head says the client's HTTP version, whatever the instance's.
 */
final class ClientFraming {

    private ClientFraming() {
    }

    /** @return whether the client's connection stays open after this response */
    static boolean apply(HttpResponse head, HttpRequest request, boolean keepAlive) {
        boolean http10Client = request.protocolVersion() == HttpVersion.HTTP_1_0;
        // A proxy answers in its own HTTP version (RFC 9110, 6.2), not the instance's: an instance
        // speaking HTTP/1.0 behind it still gives an HTTP/1.1 client an HTTP/1.1 answer.
        head.setProtocolVersion(http10Client ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        boolean keep = keepAlive;
        if (!HttpUtil.isContentLengthSet(head) && hasBody(head.status().code(), request)) {
            if (http10Client) {
                head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                keep = false;
            } else {
                HttpUtil.setTransferEncodingChunked(head, true);
            }
        }
        if (!keep) {
            HttpUtil.setKeepAlive(head, false);
        } else if (http10Client) {
            HttpUtil.setKeepAlive(head, true);
        }
        return keep;
    }

    private static boolean hasBody(int code, HttpRequest request) {
        return code != 204 && code != 304 && request.method() != HttpMethod.HEAD;
    }
}
