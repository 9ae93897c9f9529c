package org.paasmaker.engine.runtime.staticfiles;

import com.sun.net.httpserver.Headers;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A file's validators (ETag and Last-Modified) and the conditional request headers judged against
 * them, so that browsers revalidate with a 304 instead of downloading again.
 *
 * @param etag a strong entity tag, quoted, made of the size and the modification time, as Apache and
 *     nginx make theirs: a changed file gets a new one without reading its content
 * @param lastModified the modification time in whole seconds, the precision of an HTTP date
 */
record CacheValidators(String etag, Instant lastModified) {

    /** RFC 9110's IMF-fixdate; RFC_1123_DATE_TIME would print single-digit days without their zero. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    static CacheValidators of(BasicFileAttributes attributes) {
        Instant modified = attributes.lastModifiedTime().toInstant();
        String etag = "\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        return new CacheValidators(etag, modified.truncatedTo(ChronoUnit.SECONDS));
    }

    String lastModifiedHeader() {
        return HTTP_DATE.format(lastModified);
    }

    /**
     * Whether a GET or HEAD may be answered with 304. If-None-Match, when present, decides alone
     * (RFC 9110 13.2.2): it is exact where a date is only as fine as a second.
     */
    boolean notModified(Headers request) {
        List<String> ifNoneMatch = request.get("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.stream().anyMatch(this::matchesAny);
        }
        String ifModifiedSince = request.getFirst("If-Modified-Since");
        return ifModifiedSince != null && parseDate(ifModifiedSince).map(since -> !lastModified.isAfter(since)).orElse(false);
    }

    /**
     * Whether a Range still applies under If-Range (RFC 9110 13.1.5). A client resuming a download of a
     * file that has since changed would splice two versions; it gets the whole new file instead.
     */
    boolean rangeApplies(String ifRange) {
        if (ifRange == null) {
            return true;
        }
        String validator = ifRange.trim();
        if (validator.startsWith("\"") || validator.startsWith("W/")) {
            return validator.equals(etag);
        }
        return parseDate(validator).map(lastModified::equals).orElse(false);
    }

    /** Weak comparison, as If-None-Match asks: a {@code W/} prefix is ignored. */
    private boolean matchesAny(String tags) {
        for (String tag : tags.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Only IMF-fixdate: clients send back the Last-Modified they were given. An obsolete format is
     * treated as absent, which costs a 200 instead of a 304 and nothing else.
     */
    private static Optional<Instant> parseDate(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
