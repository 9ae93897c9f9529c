package org.paasmaker.engine.pack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An archive entry's name, checked and normalized so that it can be joined to the target directory:
 * relative, without {@code .} and {@code ..} segments, never climbing out.
 *
 * @param name the name as the archive spells it, for messages
 * @param path the normalized relative path, segments joined by {@code /}; empty for the root itself
 */
record EntryPath(String name, String path) {

    /** Linux's PATH_MAX and NAME_MAX: longer names fail on disk anyway, with a less useful error. */
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_SEGMENT_BYTES = 255;

    static EntryPath of(String name) {
        int pathBytes = utf8Length(name);
        if (pathBytes > MAX_PATH_BYTES) {
            throw Refusals.limit("archive entry " + Refusals.quote(name) + " has a name of " + pathBytes
                    + " bytes, more than " + MAX_PATH_BYTES + " (the limit); shorten its path");
        }
        if (name.indexOf('\0') >= 0) {
            throw Refusals.entry(name, "has a NUL character in its name");
        }
        if (name.startsWith("/")) {
            throw Refusals.entry(name, "has an absolute path");
        }
        String path = normalize(name)
                .orElseThrow(() -> Refusals.entry(name, "would be written outside the target directory"));
        for (String segment : path.split("/")) {
            int segmentBytes = utf8Length(segment);
            if (segmentBytes > MAX_SEGMENT_BYTES) {
                throw Refusals.limit("archive entry " + Refusals.quote(name) + " has a path part of " + segmentBytes
                        + " bytes, more than " + MAX_SEGMENT_BYTES + " (the limit); shorten that name");
            }
        }
        return new EntryPath(name, path);
    }

    /** The path without {@code .}, {@code ..} and empty segments; empty if it is absolute or climbs out. */
    static Optional<String> normalize(String path) {
        if (path.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return Optional.of(String.join("/", segments));
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    boolean isRoot() {
        return path.isEmpty();
    }

    /** The normalized path of the directory holding this entry; empty for the root's children. */
    String parent() {
        return parentOf(path);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
