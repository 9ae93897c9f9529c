package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The pages sent with a status other than 200: small built-in HTML pages, except that a 404 uses the
 * application's own {@code 404.html} when its root has one.
 */
final class StatusPages {

    private static final String HTML = "text/html; charset=utf-8";
    private static final RequestPath CUSTOM_NOT_FOUND = RequestPath.parse("/404.html").orElseThrow();

    private final DocumentRoot root;

    StatusPages(DocumentRoot root) {
        this.root = root;
    }

    void notFound(HttpExchange exchange) throws IOException {
        if (root.lookup(CUSTOM_NOT_FOUND) instanceof DocumentRoot.Found page) {
            try (FileChannel file = FileChannel.open(page.file())) {
                exchange.getResponseHeaders().set("Content-Type", HTML);
                Responses.sendFile(exchange, 404, file, 0, page.attributes().size());
                return;
            } catch (IOException e) {
                if (exchange.getResponseCode() != -1) {
                    throw e;
                }
                // Unreadable after all: the built-in page below will do.
            }
        }
        send(exchange, 404);
    }

    void send(HttpExchange exchange, int status) throws IOException {
        String title = status + " " + reason(status);
        byte[] page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
                + "<body><h1>" + title + "</h1></body></html>\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", HTML);
        Responses.sendBytes(exchange, status, page);
    }

    private static String reason(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }
}
