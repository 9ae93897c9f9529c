package org.paasmaker.engine.routing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The class path of a router process, from the engine's own jars: the code source of one class of
 * each library the router needs, and of the jar that holds the native epoll library. A code source
 * that is a plain file or directory is used where it is; one that is not (inside Liberty, the jars
 * sit in the WAR and their locations are {@code wsjar:} URLs) is copied into {@code lib/} of the
 * router's state directory first, since {@code java -cp} reads only files.
 */
final class RouterClasspath {

    /** One class per jar the router's code reaches. */
    private static final List<String> ANCHORS = List.of(
            "org.paasmaker.engine.routing.RouterMain",
            "org.paasmaker.api.error.PaasmakerException",
            "io.netty.util.AsciiString",
            "io.netty.buffer.ByteBuf",
            "io.netty.resolver.AddressResolver",
            "io.netty.channel.Channel",
            "io.netty.channel.unix.Socket",
            "io.netty.channel.epoll.Epoll",
            "io.netty.channel.uring.IoUring",
            "io.netty.handler.codec.ByteToMessageDecoder",
            "io.netty.handler.codec.compression.Brotli",
            "io.netty.handler.codec.http.HttpServerCodec",
            "io.netty.handler.ssl.SslHandler",
            "org.HdrHistogram.Recorder",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonProperty");
    /** The native libraries of epoll and io_uring: no class to anchor on, so their jars are found by these. */
    private static final List<String> NATIVE_LIBRARIES = List.of(
            "META-INF/native/libnetty_transport_native_epoll_x86_64.so",
            "META-INF/native/libnetty_transport_native_io_uring42_x86_64.so");

    private RouterClasspath() {
    }

    /** The entries, each a plain file or directory; copies are made under {@code libDirectory}. */
    static List<Path> resolve(ClassLoader loader, Path libDirectory) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String anchor : ANCHORS) {
            entries.add(materialize(codeSource(loader, anchor), libDirectory));
        }
        for (String library : NATIVE_LIBRARIES) {
            URL nativeLibrary = loader.getResource(library);
            if (nativeLibrary != null) {
                entries.add(materialize(containingJar(nativeLibrary), libDirectory));
            }
        }
        return new ArrayList<>(entries);
    }

    static String join(List<Path> entries) {
        return String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static URL codeSource(ClassLoader loader, String name) {
        try {
            CodeSource source = Class.forName(name, false, loader).getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "cannot tell which jar holds " + name
                        + ", which the router process needs; its class loader reports no code source");
            }
            return source.getLocation();
        } catch (ClassNotFoundException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the router process needs " + name
                    + ", which the engine's class loader cannot find; add its jar next to the engine's", e);
        }
    }

    /** {@code jar:file:/x.jar!/META-INF/...} names {@code file:/x.jar}; other schemes the same way. */
    static URL containingJar(URL resource) {
        String text = resource.toString();
        int separator = text.lastIndexOf("!/");
        String outer = separator < 0 ? text : text.substring(0, separator);
        try {
            return new URL(outer.startsWith("jar:") ? outer.substring("jar:".length()) : outer);
        } catch (java.net.MalformedURLException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot tell which jar holds " + resource, e);
        }
    }

    /** A file or directory for the location: itself when it is one, else a copy of what it names. */
    static Path materialize(URL location, Path libDirectory) {
        if (location.getProtocol().equals("file")) {
            try {
                return Path.of(location.toURI());
            } catch (URISyntaxException e) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the location " + location, e);
            }
        }
        String path = location.getPath();
        while (path.endsWith("/") || path.endsWith("!")) {
            path = path.substring(0, path.length() - 1);
        }
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
        if (!name.endsWith(".jar")) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the router process needs classes from " + location
                    + ", which is neither a file nor a jar that can be copied; run the engine from plain jars");
        }
        Path copy = libDirectory.resolve(name);
        try (InputStream in = location.openStream()) {
            Files.createDirectories(libDirectory);
            Path temporary = Files.createTempFile(libDirectory, name, ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot copy " + location + " to " + copy
                    + " for the router process: " + e.getMessage(), e);
        }
    }
}
