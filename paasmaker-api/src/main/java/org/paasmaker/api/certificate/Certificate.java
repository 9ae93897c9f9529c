package org.paasmaker.api.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paasmaker.api.application.ApplicationId;

/**
 * A certificate the platform keeps (its key is kept apart and never part of this value): the DNS
 * names it covers, who issued it and when it is valid, where it came from, the hostnames it is served
 * for, and the application it belongs to (an uploaded one always has one).
 */
public record Certificate(String id, List<String> names, String issuer, Instant notBefore, Instant notAfter,
        CertificateSource source, List<String> hostnames, Optional<ApplicationId> application) {

    /** Lowercase hex: an id is a file name too, so nothing else may be one. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8,64}");

    public Certificate {
        if (!isId(id)) {
            throw new IllegalArgumentException("'" + id + "' is no certificate id: 8 to 64 lowercase hex digits");
        }
        names = List.copyOf(names);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(source, "source");
        hostnames = List.copyOf(hostnames);
        Objects.requireNonNull(application, "application");
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
