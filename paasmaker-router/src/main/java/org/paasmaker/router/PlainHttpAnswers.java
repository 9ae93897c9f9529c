package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * What the router answers itself on plain HTTP, before any instance: an ACME HTTP-01 challenge of the
 * current table (RFC 8555, 8.3), and the redirect of a route that is served over HTTPS only.
 */
final class PlainHttpAnswers {

    static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";

    private PlainHttpAnswers() {
    }

    /** Whether the request asks for an ACME challenge's answer, for whatever host. */
    static boolean isChallenge(HttpRequest request) {
        return request.method() == HttpMethod.GET && request.uri().startsWith(CHALLENGE_PATH);
    }

    /** 200 with the key authorization as text/plain; 404 for a token the current table does not list. */
    static FullHttpResponse challenge(ByteBufAllocator allocator, RouteSnapshot snapshot, String uri) {
        int query = uri.indexOf('?');
        String token = uri.substring(CHALLENGE_PATH.length(), query < 0 ? uri.length() : query);
        String answer = snapshot.challenge(token);
        if (answer == null) {
            return text(allocator, HttpResponseStatus.NOT_FOUND, "No ACME challenge is pending for this token.\n");
        }
        return text(allocator, HttpResponseStatus.OK, answer);
    }

    /**
     * 301 for GET and HEAD, 308 for other methods (which keeps the method and body, where a browser
     * would turn a 301 POST into a GET), to the same host and target over HTTPS on {@code httpsPort}.
     */
    static FullHttpResponse redirect(ByteBufAllocator allocator, HttpRequest request, String host, int httpsPort) {
        HttpMethod method = request.method();
        HttpResponseStatus status = method == HttpMethod.GET || method == HttpMethod.HEAD
                ? HttpResponseStatus.MOVED_PERMANENTLY : HttpResponseStatus.PERMANENT_REDIRECT;
        String uri = request.uri();
        // An absolute-form target (a request meant for a forward proxy) has no path of ours to keep.
        String target = uri.startsWith("/") ? uri : "/";
        String location = "https://" + host.substring(0, HostMatcher.nameEnd(host))
                + (httpsPort == 443 ? "" : ":" + httpsPort) + target;
        FullHttpResponse response = text(allocator, status, "Moved to " + location + "\n");
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    private static FullHttpResponse text(ByteBufAllocator allocator, HttpResponseStatus status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf body = allocator.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
