package org.paasmaker.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The pages the router answers itself, when no instance can: they say what happened and what to check. */
final class ErrorPages {

    private ErrorPages() {
    }

    static FullHttpResponse noHost(ByteBufAllocator allocator) {
        return page(allocator, HttpResponseStatus.BAD_REQUEST, "No Host header",
                "This request names no host, so the router cannot tell which application it is for.");
    }

    static FullHttpResponse badRequest(ByteBufAllocator allocator) {
        return page(allocator, HttpResponseStatus.BAD_REQUEST, "Bad request", "The router could not read this request.");
    }

    static FullHttpResponse unknownHost(ByteBufAllocator allocator, String host) {
        return page(allocator, HttpResponseStatus.NOT_FOUND, "Unknown hostname",
                "No application is routed for <code>" + escape(host) + "</code>. Check the hostname, and that the"
                        + " application's version is running and current.");
    }

    static FullHttpResponse noLiveTarget(ByteBufAllocator allocator, String host) {
        return page(allocator, HttpResponseStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable",
                "<code>" + escape(host) + "</code> is known, but none of its instances takes requests right now"
                        + " (they are starting or stopping). Try again in a moment.");
    }

    static FullHttpResponse noAnswer(ByteBufAllocator allocator, String host) {
        return page(allocator, HttpResponseStatus.BAD_GATEWAY, "Bad gateway",
                "No instance of <code>" + escape(host) + "</code> answered. Check the instances' logs.");
    }

    private static FullHttpResponse page(ByteBufAllocator allocator, HttpResponseStatus status, String title, String text) {
        byte[] html = ("<!DOCTYPE html>\n<html><head><title>" + status.code() + " " + title + "</title></head>\n<body><h1>"
                + status.code() + " " + title + "</h1>\n<p>" + text + "</p>\n<hr><p>Paasmaker router</p></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuf body = allocator.buffer(html.length).writeBytes(html);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, html.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
