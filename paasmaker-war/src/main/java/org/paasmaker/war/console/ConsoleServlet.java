package org.paasmaker.war.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Answers the console: its page at {@code /} (never cached, so a new console is seen at once) and its
 * assets at {@code /assets/<hash>/<name>} (cached for a year, since a change makes new addresses),
 * gzipped for browsers that take it. Every answer carries the Content-Security-Policy.
 */
@WebServlet(urlPatterns = {"", "/index.html", "/assets/*"}, loadOnStartup = 1)
public class ConsoleServlet extends HttpServlet {

    /** Nothing inline and nothing from elsewhere: the console's scripts and styles are its own files. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String YEAR = "public, max-age=31536000, immutable";

    private transient ConsoleAssets assets;

    @Override
    public void init() throws ServletException {
        assets = ConsoleAssets.load(getServletContext());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!"/assets".equals(request.getServletPath())) {
            response.setHeader("Cache-Control", "no-cache");
            send(request, response, assets.index());
            return;
        }
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/").substring(1);
        Optional<ConsoleAssets.Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no console asset " + path);
            return;
        }
        response.setHeader("Cache-Control", YEAR);
        send(request, response, asset.get());
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, ConsoleAssets.Asset asset)
            throws IOException {
        response.setContentType(asset.type());
        response.setHeader("Vary", "Accept-Encoding");
        byte[] body = asset.plain();
        if (acceptsGzip(request.getHeader("Accept-Encoding"))) {
            response.setHeader("Content-Encoding", "gzip");
            body = asset.gzipped();
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether the header names gzip (or *) with a weight above zero, as in {@code gzip, br} or {@code gzip;q=0.8}. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String coding : header.split(",")) {
            String[] parts = coding.strip().split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip();
                    if (parameter.startsWith("q=")) {
                        try {
                            return Double.parseDouble(parameter.substring(2)) > 0;
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }
}
