package org.paasmaker.engine.acme;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Where the platform obtains certificates with ACME: the server's directory URL, the e-mail address
 * the authority may write to about the account (expiry notices), and a CA certificate file to trust
 * for the ACME server's own HTTPS besides the JDK's trust store (a test authority such as pebble
 * serves its directory with a certificate of its own).
 */
public record AcmeSettings(URI directory, Optional<String> email, Optional<Path> caFile) {

    public static final String DIRECTORY_VARIABLE = "PAASMAKER_ACME_DIRECTORY";
    public static final String EMAIL_VARIABLE = "PAASMAKER_ACME_EMAIL";
    public static final String CA_VARIABLE = "PAASMAKER_ACME_CA";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

    public AcmeSettings {
        Objects.requireNonNull(directory, "ACME settings need the directory URL");
        if (!"https".equals(directory.getScheme()) && !"http".equals(directory.getScheme())
                || directory.getHost() == null) {
            throw new IllegalArgumentException("an ACME directory is an http(s) URL with a host: " + directory);
        }
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(caFile, "caFile");
        email.ifPresent(address -> {
            if (!EMAIL.matcher(address).matches()) {
                throw new IllegalArgumentException("'" + address + "' is no e-mail address");
            }
        });
    }

    /**
     * The settings {@value #DIRECTORY_VARIABLE}, {@value #EMAIL_VARIABLE} and {@value #CA_VARIABLE}
     * give; empty when no directory is set, which leaves ACME off.
     */
    public static Optional<AcmeSettings> from(Map<String, String> environment) {
        String directory = value(environment, DIRECTORY_VARIABLE);
        if (directory == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(directory);
        } catch (URISyntaxException e) {
            throw invalid(DIRECTORY_VARIABLE, directory, "give the ACME server's directory URL, such as"
                    + " https://acme-v02.api.letsencrypt.org/directory", e);
        }
        Optional<String> email = Optional.ofNullable(value(environment, EMAIL_VARIABLE));
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw invalid(EMAIL_VARIABLE, email.get(), "give the address the ACME server may write to about the"
                    + " account, such as ops@example.com, or leave it unset", null);
        }
        Optional<Path> ca = Optional.ofNullable(value(environment, CA_VARIABLE)).map(Path::of);
        if (ca.isPresent() && !Files.isReadable(ca.get())) {
            throw invalid(CA_VARIABLE, ca.get().toString(), "give a readable PEM file of the CA certificate that"
                    + " signed the ACME server's HTTPS certificate, or leave it unset to use the JDK's trust store", null);
        }
        try {
            return Optional.of(new AcmeSettings(uri, email, ca));
        } catch (IllegalArgumentException e) {
            throw invalid(DIRECTORY_VARIABLE, directory, e.getMessage(), e);
        }
    }

    private static String value(Map<String, String> environment, String variable) {
        String text = environment.get(variable);
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static PaasmakerException invalid(String variable, String value, String what, Exception cause) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, variable + " is '" + value + "'; " + what, cause);
    }
}
