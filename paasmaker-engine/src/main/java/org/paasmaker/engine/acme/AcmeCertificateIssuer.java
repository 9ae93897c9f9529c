package org.paasmaker.engine.acme;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.engine.certificate.CertificateIssuer;
import org.paasmaker.engine.certificate.ChallengeBoard;
import org.paasmaker.engine.certificate.IssuedCertificate;

/**
 * Obtains certificates from an ACME server (RFC 8555) with HTTP-01 challenges: registers the
 * platform's account (the same key finds the same account again), orders the names, posts each
 * name's challenge on the board for the routers to answer, waits for the server to validate them,
 * finalizes with a request for a new EC P-256 key and downloads the chain.
 *
 * <p>The certificate's key is EC P-256 rather than RSA 2048: every TLS 1.2 and 1.3 client accepts
 * it, its handshakes are smaller and cheaper for the router, and it is made in a millisecond where
 * an RSA key takes a hundred.
 *
 * <p>One certificate is obtained at a time: the account is registered once and its nonces are not
 * raced for.
 */
public final class AcmeCertificateIssuer implements CertificateIssuer {

    /** How long one certificate may take, validation included, before the issue fails. */
    static final Duration DEFAULT_LIMIT = Duration.ofMinutes(3);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Pattern DNS_NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private final AcmeSettings settings;
    private final Path keyFile;
    private final Duration limit;
    private AcmeServer server;
    private AccountKey key;
    private URI account;

    /** An issuer whose account key is kept in {@link #accountKeyFile(Path) home/acme/account-key.pem}. */
    public AcmeCertificateIssuer(AcmeSettings settings, Path home) {
        this(settings, home, DEFAULT_LIMIT);
    }

    AcmeCertificateIssuer(AcmeSettings settings, Path home, Duration limit) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keyFile = accountKeyFile(home);
        this.limit = limit;
    }

    /** Where the account key of the platform whose home is {@code home} is kept (mode 0600, its directory 0700). */
    public static Path accountKeyFile(Path home) {
        return home.resolve("acme").resolve("account-key.pem");
    }

    @Override
    public synchronized IssuedCertificate issue(List<String> names, ChallengeBoard board) {
        List<String> checked = checked(names);
        try {
            return obtain(checked, board);
        } catch (RuntimeException e) {
            // The server may have been reset or moved: the next issue reads its directory and finds the
            // account again (the same key finds the same account) rather than trusting what it knew.
            server = null;
            account = null;
            throw e;
        }
    }

    private IssuedCertificate obtain(List<String> checked, ChallengeBoard board) {
        String all = String.join(", ", checked);
        long deadline = System.nanoTime() + limit.toNanos();
        URI account = account();
        Map<String, Object> identifiers = Map.of("identifiers",
                checked.stream().map(name -> Map.of("type", "dns", "value", name)).toList());
        AcmeServer.Response created = server.post(server.resource("newOrder"), identifiers, account,
                all + ": the ACME server refused the order");
        URI orderUrl = created.location("the order of " + all);
        JsonNode order = created.json();
        List<AcmeChallenge> posted = new ArrayList<>();
        RuntimeException failure = null;
        try {
            authorize(order, board, posted, deadline);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            withdraw(board, posted, failure);
        }
        order = poll(orderUrl, Set.of("pending"), all + ": the ACME server's order", deadline);
        if (!"ready".equals(order.path("status").asText())) {
            throw orderFailure(all, order, "was not ready for its certificate request");
        }
        KeyPair certificateKey = newKey();
        String csr;
        try {
            csr = AccountKey.base64url(CertificateRequest.der(checked, certificateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK signs SHA256withECDSA", e);
        }
        server.post(uri(order, "finalize", all), Map.of("csr", csr), account,
                all + ": the ACME server refused the certificate request");
        order = poll(orderUrl, Set.of("ready", "processing"), all + ": the ACME server's order", deadline);
        if (!"valid".equals(order.path("status").asText())) {
            throw orderFailure(all, order, "issued no certificate");
        }
        String chain = server.download(uri(order, "certificate", all), account,
                all + ": the ACME server did not give the certificate").text();
        if (Pem.decode(chain).stream().noneMatch(block -> block.label().equals("CERTIFICATE"))) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, all + ": the ACME server's certificate is no PEM"
                    + " chain: " + chain.lines().findFirst().orElse("(empty)"));
        }
        return new IssuedCertificate(chain, Pem.encode("PRIVATE KEY", certificateKey.getPrivate().getEncoded()));
    }

    private static List<String> checked(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "a certificate needs at least one name");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            String lower = name.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith("*.")) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, name + ": ACME proves wildcard names with"
                        + " DNS-01 only, and Paasmaker answers HTTP-01; upload a certificate for this name instead");
            }
            if (!DNS_NAME.matcher(lower).matches() || lower.length() > 253) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + name + "' is no DNS name an ACME"
                        + " server can certify: give a name such as hello.example.com");
            }
            unique.add(lower);
        }
        return List.copyOf(unique);
    }

    /** The account's URL, registered on first use; a key the server knows finds its account again. */
    private URI account() {
        if (account == null) {
            if (server == null) {
                key = AccountKey.loadOrCreate(keyFile);
                server = new AcmeServer(settings, key);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("termsOfServiceAgreed", true);
            settings.email().ifPresent(email -> payload.put("contact", List.of("mailto:" + email)));
            account = server.postWithKey(server.resource("newAccount"), payload,
                    "registering the ACME account at " + settings.directory()).location("the account");
        }
        return account;
    }

    /** Posts every pending name's http-01 challenge, answers them all, then waits for each verdict. */
    private void authorize(JsonNode order, ChallengeBoard board, List<AcmeChallenge> posted, long deadline) {
        record Pending(String name, URI authorization, URI challenge, boolean answered) {
        }
        List<Pending> pending = new ArrayList<>();
        for (JsonNode url : order.path("authorizations")) {
            URI authorizationUrl = URI.create(url.asText());
            JsonNode authorization = server.post(authorizationUrl, null, account,
                    "reading the ACME authorization " + authorizationUrl).json();
            String name = authorization.path("identifier").path("value").asText("?");
            String status = authorization.path("status").asText();
            if (status.equals("valid")) {
                continue; // validated for an earlier order: the server reuses it
            }
            if (!status.equals("pending")) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, name + ": the ACME server's authorization"
                        + " is " + status + ", not pending; try again later");
            }
            JsonNode challenge = http01(name, authorization);
            String token = challenge.path("token").asText();
            AcmeChallenge posting;
            try {
                posting = new AcmeChallenge(token, token + "." + key.thumbprint());
            } catch (IllegalArgumentException e) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, name + ": the ACME server's http-01 challenge"
                        + " is unusable: " + e.getMessage(), e);
            }
            // Listed first: a post that fails part-way (some routers have it) is withdrawn too.
            posted.add(posting);
            board.post(posting);
            pending.add(new Pending(name, authorizationUrl, URI.create(challenge.path("url").asText()),
                    !challenge.path("status").asText().equals("pending")));
        }
        for (Pending each : pending) {
            if (!each.answered()) {
                server.post(each.challenge(), Map.of(), account,
                        each.name() + ": the ACME server refused to validate http-01");
            }
        }
        // Every name's verdict, so that one failure names all the names that need fixing.
        List<PaasmakerException> failures = new ArrayList<>();
        for (Pending each : pending) {
            JsonNode authorization = poll(each.authorization(), Set.of("pending"),
                    each.name() + ": the ACME server's validation of http-01", deadline);
            if (!authorization.path("status").asText().equals("valid")) {
                JsonNode error = http01(each.name(), authorization).path("error");
                failures.add(AcmeServer.failure(each.name() + ": the ACME server could not validate http-01", error,
                        400));
            }
        }
        if (!failures.isEmpty()) {
            throw new PaasmakerException(failures.get(0).code(), String.join("; ",
                    failures.stream().map(PaasmakerException::getMessage).toList()));
        }
    }

    private static JsonNode http01(String name, JsonNode authorization) {
        List<String> offered = new ArrayList<>();
        for (JsonNode challenge : authorization.path("challenges")) {
            if (challenge.path("type").asText().equals("http-01")) {
                return challenge;
            }
            offered.add(challenge.path("type").asText());
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, name + ": the ACME server offers no http-01 challenge"
                + " (only " + offered + "), and Paasmaker answers http-01 alone");
    }

    /** Removes every posted challenge; a failing removal does not hide the failure that came first. */
    private static void withdraw(ChallengeBoard board, List<AcmeChallenge> posted, RuntimeException failure) {
        RuntimeException removal = null;
        for (AcmeChallenge challenge : posted) {
            try {
                board.remove(challenge);
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (removal == null) {
                    removal = e;
                } else {
                    removal.addSuppressed(e);
                }
            }
        }
        if (removal != null) {
            throw removal;
        }
    }

    /** POST-as-GET of {@code url} until its status leaves {@code waiting}, pausing at least as the server asks. */
    private JsonNode poll(URI url, Set<String> waiting, String what, long deadline) {
        Duration pause = FIRST_PAUSE;
        while (true) {
            AcmeServer.Response response = server.post(url, null, account, what + " could not be read");
            JsonNode body = response.json();
            String status = body.path("status").asText();
            if (!waiting.contains(status)) {
                return body;
            }
            // Never before the server's Retry-After, never sooner than the growing pause.
            Duration asked = response.retryAfter().orElse(Duration.ZERO);
            Duration wait = asked.compareTo(pause) > 0 ? asked : pause;
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, what + " was still " + status + " when the limit of "
                        + limit.toSeconds() + " s passed; try again later");
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaasmakerException(ErrorCode.ABORTED, what + ": interrupted while " + status, e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static PaasmakerException orderFailure(String names, JsonNode order, String what) {
        JsonNode error = order.path("error");
        if (error.isObject()) {
            return AcmeServer.failure(names + ": the ACME server's order " + what, error, 400);
        }
        return new PaasmakerException(ErrorCode.UNAVAILABLE, names + ": the ACME server's order " + what
                + " (status " + order.path("status").asText("none") + ")");
    }

    private static URI uri(JsonNode order, String field, String names) {
        String url = order.path(field).asText("");
        if (url.isEmpty()) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, names + ": the ACME server's order has no " + field
                    + " URL");
        }
        return URI.create(url);
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK makes P-256 keys", e);
        }
    }
}
