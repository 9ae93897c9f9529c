package org.paasmaker.engine.runtime.staticfiles;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type of a file, from a built-in table of the common web types: the JDK's own table
 * ({@code URLConnection.guessContentTypeFromName}) lacks most of them and depends on the installation.
 */
final class ContentTypes {

    static final String UNKNOWN = "application/octet-stream";

    private static final String TEXT = "; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            entry("html", "text/html" + TEXT),
            entry("htm", "text/html" + TEXT),
            entry("css", "text/css" + TEXT),
            entry("js", "text/javascript" + TEXT),
            entry("mjs", "text/javascript" + TEXT),
            entry("json", "application/json" + TEXT),
            entry("map", "application/json" + TEXT),
            entry("svg", "image/svg+xml" + TEXT),
            entry("txt", "text/plain" + TEXT),
            entry("xml", "application/xml" + TEXT),
            entry("csv", "text/csv" + TEXT),
            entry("png", "image/png"),
            entry("jpg", "image/jpeg"),
            entry("jpeg", "image/jpeg"),
            entry("gif", "image/gif"),
            entry("webp", "image/webp"),
            entry("ico", "image/x-icon"),
            entry("avif", "image/avif"),
            entry("woff", "font/woff"),
            entry("woff2", "font/woff2"),
            entry("ttf", "font/ttf"),
            entry("otf", "font/otf"),
            entry("pdf", "application/pdf"),
            entry("wasm", "application/wasm"),
            entry("mp4", "video/mp4"),
            entry("webm", "video/webm"),
            entry("mp3", "audio/mpeg"),
            entry("ogg", "audio/ogg"),
            entry("zip", "application/zip"),
            // The file itself is gzip: no Content-Encoding, or the browser would unpack a download.
            entry("gz", "application/gzip"));

    private ContentTypes() {
    }

    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return UNKNOWN;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
    }
}
