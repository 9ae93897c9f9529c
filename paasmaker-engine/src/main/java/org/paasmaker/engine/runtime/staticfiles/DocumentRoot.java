package org.paasmaker.engine.runtime.staticfiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** The directory being served: finds the file a request path names, never one outside it. */
final class DocumentRoot {

    /** The original's Apache DirectoryIndex without index.php: nothing here runs PHP. */
    private static final List<String> INDEX_FILES = List.of("index.html", "index.htm");

    /** What a request path names. */
    sealed interface Lookup permits Found, DirectoryWithoutSlash, Missing {
    }

    /** A regular file inside the root; {@code file} is its real path. */
    record Found(Path file, BasicFileAttributes attributes) implements Lookup {
    }

    /** A directory asked for as {@code /dir}: relative links in its index only work from {@code /dir/}. */
    record DirectoryWithoutSlash() implements Lookup {
    }

    record Missing() implements Lookup {
    }

    private static final Lookup MISSING = new Missing();

    private final Path realRoot;

    private DocumentRoot(Path realRoot) {
        this.realRoot = realRoot;
    }

    static DocumentRoot open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the document root " + root
                    + (Files.exists(root) ? " is not a directory" : " does not exist") + "; check document_root in the manifest");
        }
        try {
            return new DocumentRoot(root.toRealPath());
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "cannot read the document root " + root + ": " + e, e);
        }
    }

    Lookup lookup(RequestPath request) {
        if (request.isHidden()) {
            return MISSING;
        }
        Path candidate = realRoot;
        for (String segment : request.segments()) {
            candidate = candidate.resolve(segment);
        }
        Optional<Path> real = realPathInside(candidate);
        if (real.isEmpty()) {
            return MISSING;
        }
        if (Files.isDirectory(real.get())) {
            if (!request.endsWithSlash()) {
                return new DirectoryWithoutSlash();
            }
            // No listing: it would publish every file name of the prepared tree, including ones the
            // application never links to. 404 rather than 403 because there is nothing to see here, just
            // as for a missing page, and the application's own 404 page then applies.
            for (String index : INDEX_FILES) {
                Optional<Found> found = realPathInside(real.get().resolve(index)).flatMap(DocumentRoot::regularFile);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return MISSING;
        }
        if (request.endsWithSlash()) {
            return MISSING;
        }
        Optional<Found> file = regularFile(real.get());
        return file.isPresent() ? file.get() : MISSING;
    }

    /**
     * The path with every link followed, if it exists and stays inside the root without passing a
     * hidden name: a link inside the root may lead to /etc, or to the root's own .env.
     */
    private Optional<Path> realPathInside(Path candidate) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
        if (!real.startsWith(realRoot)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        realRoot.relativize(real).forEach(name -> names.add(name.toString()));
        return RequestPath.isHidden(names) ? Optional.empty() : Optional.of(real);
    }

    /** Only regular files: a FIFO or a device would block or never end. */
    private static Optional<Found> regularFile(Path real) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(new Found(real, attributes)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
