package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/** Answers one request: a file of the document root, a redirect to a directory's slash, or an error page. */
final class FileHandler implements HttpHandler {

    private final DocumentRoot root;
    private final StatusPages pages;

    FileHandler(DocumentRoot root) {
        this.root = root;
        this.pages = new StatusPages(root);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Closing also drains or drops a request body nobody reads, so that keep-alive stays in step.
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                pages.send(exchange, 405);
                return;
            }
            Optional<RequestPath> path = RequestPath.parse(exchange.getRequestURI().getRawPath());
            if (path.isEmpty()) {
                pages.send(exchange, 400);
                return;
            }
            DocumentRoot.Lookup lookup = root.lookup(path.get());
            if (lookup instanceof DocumentRoot.Found file) {
                serve(exchange, file);
            } else if (lookup instanceof DocumentRoot.DirectoryWithoutSlash) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", path.get().rawPath() + "/" + (query == null ? "" : "?" + query));
                pages.send(exchange, 301);
            } else {
                pages.notFound(exchange);
            }
        }
    }

    private void serve(HttpExchange exchange, DocumentRoot.Found found) throws IOException {
        FileChannel file;
        try {
            file = FileChannel.open(found.file());
        } catch (IOException e) {
            // Unreadable to this process: to the client as good as missing.
            pages.notFound(exchange);
            return;
        }
        try (file) {
            long size = found.attributes().size();
            CacheValidators validators = CacheValidators.of(found.attributes());
            Headers request = exchange.getRequestHeaders();
            Headers response = exchange.getResponseHeaders();
            response.set("Last-Modified", validators.lastModifiedHeader());
            response.set("ETag", validators.etag());
            if (validators.notModified(request)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            response.set("Content-Type", ContentTypes.of(found.file().getFileName().toString()));
            // Without it a browser may sniff an unknown type into HTML and run a script an upload hid.
            response.set("X-Content-Type-Options", "nosniff");
            response.set("Accept-Ranges", "bytes");
            RangeRequest range = exchange.getRequestMethod().equals("GET") && validators.rangeApplies(request.getFirst("If-Range"))
                    ? RangeRequest.parse(request.getFirst("Range"), size)
                    : RangeRequest.WHOLE;
            if (range instanceof RangeRequest.Slice slice) {
                response.set("Content-Range", slice.contentRange(size));
                Responses.sendFile(exchange, 206, file, slice.first(), slice.length());
            } else if (range instanceof RangeRequest.Unsatisfiable) {
                response.set("Content-Range", "bytes */" + size);
                Responses.sendHeaders(exchange, 416, 0);
            } else {
                Responses.sendFile(exchange, 200, file, 0, size);
            }
        }
    }
}
