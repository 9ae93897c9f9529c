package org.paasmaker.engine.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * One ACME server as RFC 8555 speaks to it: its directory, its replay nonces, and requests signed
 * with the account key as JWS (flattened JSON, {@code application/jose+json}). A {@code badNonce}
 * answer is retried with the nonce it carries, as the RFC asks (section 6.5); any other problem
 * document becomes a {@link PaasmakerException} that says what was being done and quotes the
 * server's detail.
 */
final class AcmeServer {

    private static final int NONCE_ATTEMPTS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String PROBLEM_PREFIX = "urn:ietf:params:acme:error:";
    private static final String USER_AGENT = "Paasmaker-ACME (Java HttpClient)";

    /** An answer of the server. */
    record Response(int status, HttpHeaders headers, byte[] body, ObjectMapper mapper) {

        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the ACME server answered something that is not"
                        + " JSON: " + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        URI location(String of) {
            return headers.firstValue("Location").map(URI::create).orElseThrow(() -> new PaasmakerException(
                    ErrorCode.UNAVAILABLE, "the ACME server gave no Location for " + of));
        }

        /** The wait the server asked for with Retry-After (seconds or an HTTP date), if any. */
        Optional<Duration> retryAfter() {
            return headers.firstValue("Retry-After").flatMap(value -> {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
                } catch (NumberFormatException notSeconds) {
                    try {
                        ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                    } catch (DateTimeParseException neither) {
                        return Optional.empty();
                    }
                }
            });
        }
    }

    private final URI directoryUrl;
    private final AccountKey key;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentLinkedDeque<String> nonces = new ConcurrentLinkedDeque<>();
    private volatile JsonNode directory;

    AcmeServer(AcmeSettings settings, AccountKey key) {
        this.directoryUrl = settings.directory();
        this.key = key;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        settings.caFile().ifPresent(file -> builder.sslContext(trusting(file)));
        this.http = builder.build();
    }

    /** The JDK's trusted authorities and the certificates of {@code caFile}. */
    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int index = 0;
            for (TrustManager manager : jdk.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + index++, issuer);
                    }
                }
            }
            int extra = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("extra-" + extra++, certificate);
            }
            if (extra == 0) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, AcmeSettings.CA_VARIABLE + " names " + caFile
                        + ", which holds no PEM certificate; give the CA certificate the ACME server's HTTPS uses");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, AcmeSettings.CA_VARIABLE + " names " + caFile
                    + ", which cannot be read as PEM certificates: " + e.getMessage(), e);
        }
    }

    /** A URL of the directory: {@code newAccount}, {@code newOrder}, {@code newNonce}. */
    URI resource(String name) {
        JsonNode known = directory;
        if (known == null) {
            HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(directoryUrl).GET(), "the ACME directory "
                    + directoryUrl + " cannot be reached", "; check " + AcmeSettings.DIRECTORY_VARIABLE
                    + " and that the ACME server is up");
            Response response = response(answer);
            if (answer.statusCode() != 200) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the ACME directory " + directoryUrl + " answered "
                        + answer.statusCode() + " rather than a directory; check " + AcmeSettings.DIRECTORY_VARIABLE);
            }
            known = response.json();
            directory = known;
        }
        JsonNode url = known.get(name);
        if (url == null || !url.isTextual()) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "the ACME directory " + directoryUrl + " lists no "
                    + name + "; is it an ACME (RFC 8555) directory?");
        }
        return URI.create(url.asText());
    }

    /**
     * A request signed with the account key as a JWK, as only {@code newAccount} is.
     *
     * @param doing what the request does, for the message of a failure: "registering the ACME account"
     */
    Response postWithKey(URI url, Object payload, String doing) {
        return post(url, payload, Optional.empty(), doing, "application/json");
    }

    /** A request signed for the account {@code account}; a null payload is a POST-as-GET. */
    Response post(URI url, Object payload, URI account, String doing) {
        return post(url, payload, Optional.of(account), doing, "application/json");
    }

    /** A POST-as-GET of a certificate chain in PEM. */
    Response download(URI url, URI account, String doing) {
        return post(url, null, Optional.of(account), doing, "application/pem-certificate-chain");
    }

    private Response post(URI url, Object payload, Optional<URI> account, String doing, String accept) {
        for (int attempt = 1;; attempt++) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "ES256");
            header.put("nonce", nonce(doing));
            header.put("url", url.toString());
            account.ifPresentOrElse(kid -> header.put("kid", kid.toString()), () -> header.put("jwk", key.jwk()));
            String protectedPart = AccountKey.base64url(bytes(header));
            String payloadPart = payload == null ? "" : AccountKey.base64url(bytes(payload));
            ObjectNode body = mapper.createObjectNode();
            body.put("protected", protectedPart);
            body.put("payload", payloadPart);
            body.put("signature", AccountKey.base64url(
                    key.sign((protectedPart + "." + payloadPart).getBytes(StandardCharsets.US_ASCII))));
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/jose+json").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            Response response = response(send(request, doing + ": the ACME server " + url + " cannot be reached", ""));
            if (response.status() < 400) {
                return response;
            }
            JsonNode problem = problem(response);
            if ((PROBLEM_PREFIX + "badNonce").equals(problem.path("type").asText()) && attempt < NONCE_ATTEMPTS) {
                continue;
            }
            throw failure(doing, problem, response.status());
        }
    }

    /** The problem document of an error answer; one made up from the status when the body is none. */
    private JsonNode problem(Response response) {
        try {
            JsonNode problem = mapper.readTree(response.body());
            if (problem != null && problem.isObject()) {
                return problem;
            }
        } catch (IOException notJson) {
            // Answered by something in front of the server: the status says enough.
        }
        ObjectNode made = mapper.createObjectNode();
        made.put("detail", "HTTP status " + response.status());
        return made;
    }

    /** The message of a problem document: its detail, its subproblems' and its type. */
    static PaasmakerException failure(String doing, JsonNode problem, int status) {
        String type = problem.path("type").asText("");
        StringBuilder message = new StringBuilder(doing).append(": ")
                .append(problem.path("detail").asText("no detail given"));
        for (JsonNode sub : problem.path("subproblems")) {
            message.append("; ").append(sub.path("identifier").path("value").asText("?")).append(": ")
                    .append(sub.path("detail").asText(sub.path("type").asText()));
        }
        if (!type.isEmpty()) {
            message.append(" (").append(type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length())
                    : type).append(')');
        }
        boolean serverSide = status >= 500 || type.equals(PROBLEM_PREFIX + "serverInternal")
                || type.equals(PROBLEM_PREFIX + "rateLimited");
        return new PaasmakerException(serverSide ? ErrorCode.UNAVAILABLE : ErrorCode.INVALID_REQUEST,
                message.toString());
    }

    private String nonce(String doing) {
        String nonce = nonces.pollFirst();
        if (nonce == null) {
            URI newNonce = resource("newNonce");
            response(send(HttpRequest.newBuilder(newNonce).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                    doing + ": the ACME server " + newNonce + " cannot be reached", ""));
            nonce = nonces.pollFirst();
            if (nonce == null) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, doing + ": the ACME server " + newNonce
                        + " gave no Replay-Nonce");
            }
        }
        return nonce;
    }

    /** Every answer carries a fresh nonce, kept for the next request. */
    private Response response(HttpResponse<byte[]> answer) {
        answer.headers().firstValue("Replay-Nonce").ifPresent(nonces::addLast);
        return new Response(answer.statusCode(), answer.headers(), answer.body(), mapper);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String unreachable, String hint) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).header("User-Agent", USER_AGENT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, unreachable + ": its HTTPS is not trusted ("
                    + e.getMessage() + "); if its certificate comes from a CA of its own, give that CA's PEM file in "
                    + AcmeSettings.CA_VARIABLE, e);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, unreachable + ": " + reason + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, unreachable + ": interrupted", e);
        }
    }

    private byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("maps and JSON nodes always serialize", e);
        }
    }
}
