package org.paasmaker.engine.runtime.staticfiles;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's path, percent-decoded into segments that can be joined to the document root one by one
 * without leaving it.
 *
 * @param segments the decoded segments, none empty, none {@code .} or {@code ..}, none holding a slash,
 *     a backslash or NUL
 * @param rawPath the path as the client encoded it, with each run of slashes made one, so that it is
 *     safe to send back in a {@code Location}: {@code //evil.example/} would send a browser elsewhere
 * @param endsWithSlash whether the client asked for a directory
 */
record RequestPath(List<String> segments, String rawPath, boolean endsWithSlash) {

    /**
     * RFC 8615's directory is meant for the public (security.txt, app links), unlike every other
     * name starting with a dot.
     */
    private static final String WELL_KNOWN = ".well-known";

    /** The path, or empty when it is malformed or tries to climb out of the root. */
    static Optional<RequestPath> parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        List<String> rawSegments = new ArrayList<>();
        for (String rawSegment : rawPath.split("/")) {
            if (rawSegment.isEmpty()) {
                continue;
            }
            Optional<String> segment = decode(rawSegment).filter(RequestPath::isPlainName);
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            segments.add(segment.get());
            rawSegments.add(rawSegment);
        }
        boolean endsWithSlash = rawPath.endsWith("/");
        String canonical = "/" + String.join("/", rawSegments) + (endsWithSlash && !rawSegments.isEmpty() ? "/" : "");
        return Optional.of(new RequestPath(List.copyOf(segments), canonical, endsWithSlash));
    }

    /**
     * Whether any segment names a dotfile. Prepared trees may hold secrets there ({@code .env},
     * {@code .git/config}, {@code .npmrc}), and an application never means to publish them.
     */
    static boolean isHidden(List<String> segments) {
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith(".") && !(i == 0 && segment.equals(WELL_KNOWN))) {
                return true;
            }
        }
        return false;
    }

    boolean isHidden() {
        return isHidden(segments);
    }

    /**
     * A name the file system reads as one entry of the directory it is joined to. Encoded slashes and
     * backslashes are refused rather than taken as separators, as Apache does by default.
     */
    private static boolean isPlainName(String segment) {
        return !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
                && segment.indexOf('\\') < 0 && segment.indexOf('\0') < 0;
    }

    /**
     * Percent-decodes one segment as UTF-8. HttpServer reads the request line as ISO-8859-1, so each
     * character that is not an escape is one byte of the client's original encoding.
     */
    private static Optional<String> decode(String rawSegment) {
        ByteBuffer bytes = ByteBuffer.allocate(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawSegment.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(rawSegment.charAt(i + 1), 16);
                int low = Character.digit(rawSegment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c > 0xFF) {
                return Optional.empty();
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            // Strict, so that overlong forms such as %c0%ae cannot smuggle a dot past the checks.
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip());
            return Optional.of(decoded.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
