package org.paasmaker.engine.runtime.staticfiles;

/**
 * What a GET's Range header asks of a file (RFC 9110 14.2): all of it, one slice, or only bytes it
 * does not have. Media players seek with these, and downloads resume with them.
 */
sealed interface RangeRequest {

    RangeRequest WHOLE = new Whole();
    RangeRequest UNSATISFIABLE = new Unsatisfiable();

    /** No range, or one this server ignores, as RFC 9110 allows: the whole file with 200. */
    record Whole() implements RangeRequest {
    }

    /** Bytes {@code first} to {@code last}, both included and both inside the file: 206. */
    record Slice(long first, long last) implements RangeRequest {

        long length() {
            return last - first + 1;
        }

        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    /** Only bytes past the end: 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    /** Reads {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}; {@code header} may be null. */
    static RangeRequest parse(String header, long size) {
        String unit = "bytes=";
        if (header == null || !header.trim().regionMatches(true, 0, unit, 0, unit.length())) {
            return WHOLE;
        }
        String spec = header.trim().substring(unit.length()).trim();
        int dash = spec.indexOf('-');
        // Several ranges would need a multipart/byteranges body; browsers and players ask for one.
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (from.isEmpty()) {
            if (!isNumber(to)) {
                return WHOLE;
            }
            long suffix = Long.parseLong(to);
            return suffix == 0 || size == 0 ? UNSATISFIABLE : new Slice(Math.max(0, size - suffix), size - 1);
        }
        if (!isNumber(from) || !(to.isEmpty() || isNumber(to))) {
            return WHOLE;
        }
        long first = Long.parseLong(from);
        if (!to.isEmpty() && Long.parseLong(to) < first) {
            return WHOLE;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new Slice(first, to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1));
    }

    /** Digits that fit a long; a longer number is no offset into any real file, so it is malformed. */
    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
