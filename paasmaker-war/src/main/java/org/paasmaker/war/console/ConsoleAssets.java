package org.paasmaker.war.console;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The console's files, read once when the application starts: each with its type and its gzipped
 * form, and one hash of them all. The hash is part of every asset's address, so a browser may keep an
 * asset for a year: a changed console has new addresses. One hash for the set rather than one per
 * file, because the ES modules import each other by relative paths, which then need no rewriting.
 */
final class ConsoleAssets {

    static final String ROOT = "/WEB-INF/console/";
    /** What {@code index.html} writes where the assets' base address goes. */
    static final String BASE_MARK = "@ASSETS@";

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    /** One file: its bytes as sent and gzipped. */
    record Asset(String type, byte[] plain, byte[] gzipped) {
    }

    private final Map<String, Asset> assets;
    private final String hash;
    private final Asset index;

    private ConsoleAssets(Map<String, Asset> assets, String hash, Asset index) {
        this.assets = assets;
        this.hash = hash;
        this.index = index;
    }

    static ConsoleAssets load(ServletContext context) {
        Map<String, byte[]> files = new TreeMap<>();
        Deque<String> folders = new ArrayDeque<>(Set.of(ROOT));
        while (!folders.isEmpty()) {
            Set<String> paths = context.getResourcePaths(folders.pop());
            for (String path : paths == null ? Set.<String>of() : paths) {
                if (path.endsWith("/")) {
                    folders.push(path);
                } else {
                    files.put(path.substring(ROOT.length()), read(context, path));
                }
            }
        }
        byte[] template = files.remove("index.html");
        if (template == null) {
            throw new IllegalStateException("the WAR lacks " + ROOT + "index.html; it was built without the console");
        }
        MessageDigest digest = sha256();
        files.forEach((name, bytes) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        Map<String, Asset> assets = new TreeMap<>();
        files.forEach((name, bytes) -> assets.put(name, asset(name, bytes)));
        byte[] page = new String(template, StandardCharsets.UTF_8).replace(BASE_MARK, "/assets/" + hash)
                .getBytes(StandardCharsets.UTF_8);
        return new ConsoleAssets(Map.copyOf(assets), hash, asset("index.html", page));
    }

    String hash() {
        return hash;
    }

    Asset index() {
        return index;
    }

    /** The asset at {@code <hash>/<name>}; empty for another hash (an older console's) or an unknown name. */
    Optional<Asset> find(String hashAndName) {
        int slash = hashAndName.indexOf('/');
        if (slash < 0 || !hashAndName.substring(0, slash).equals(hash)) {
            return Optional.empty();
        }
        return Optional.ofNullable(assets.get(hashAndName.substring(slash + 1)));
    }

    private static Asset asset(String name, byte[] bytes) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return new Asset(TYPES.getOrDefault(extension, "application/octet-stream"), bytes, gzip(bytes));
    }

    private static byte[] read(ServletContext context, String path) {
        try (InputStream in = context.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + path + " from the WAR", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory failed", e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
