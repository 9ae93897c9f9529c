package org.paasmaker.engine.acme;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.paasmaker.engine.service.server.ServerFiles;

/**
 * For tests: Debian's pebble, Let's Encrypt's test ACME server, with pebble-challtestsrv as its DNS
 * server answering every name with 127.0.0.1, so that pebble validates HTTP-01 at
 * {@code 127.0.0.1:<challengePort>} (where the test serves the answers). Every port is free when
 * picked; pebble's own HTTPS certificate is made here with keytool (Debian ships none) and is
 * {@link #caFile()}. Pebble sleeps no random time before validating, and by default reuses no
 * authorization (each order is validated anew) and rejects no nonce.
 *
 * <p>Certificate lifetime: pebble 2.4 reads {@code certificateValidityPeriod} (seconds) from its
 * configuration ("Using certificate validity period of N seconds" in its log); without it,
 * certificates last five years. {@link Builder#certificateLifetime} sets it, so renewal tests can
 * get certificates of a couple of minutes.
 *
 * <p>{@link #close()} stops both processes and deletes every file, also after a failed start.
 */
public final class Pebble implements AutoCloseable {

    private static final Path PEBBLE = Path.of("/usr/bin/pebble");
    private static final Path CHALLENGE_TEST_SERVER = Path.of("/usr/bin/pebble-challtestsrv");
    private static final String STORE_PASSWORD = "pebble-test";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    /** How the pebble to start behaves. */
    public static final class Builder {

        private final int challengePort;
        private int nonceRejectPercent;
        private int authorizationReusePercent;
        private Duration certificateLifetime;

        private Builder(int challengePort) {
            this.challengePort = challengePort;
        }

        /** The share of good nonces pebble rejects as bad (0 to 100; 0 by default). */
        public Builder nonceRejectPercent(int percent) {
            this.nonceRejectPercent = percent;
            return this;
        }

        /** The share of orders for which pebble reuses a valid authorization of an earlier one (0 by default). */
        public Builder authorizationReusePercent(int percent) {
            this.authorizationReusePercent = percent;
            return this;
        }

        /** How long the certificates pebble issues last (whole seconds; five years by default). */
        public Builder certificateLifetime(Duration lifetime) {
            this.certificateLifetime = lifetime;
            return this;
        }

        public Pebble start() throws IOException {
            Pebble pebble = new Pebble(Files.createTempDirectory("pebble-"));
            try {
                pebble.start(this);
                return pebble;
            } catch (IOException | RuntimeException e) {
                pebble.close();
                throw e;
            }
        }
    }

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private int acmePort;
    private int managementPort;
    private HttpClient http;

    private Pebble(Path directory) {
        this.directory = directory;
    }

    /** A pebble that validates HTTP-01 challenges by asking {@code 127.0.0.1:challengePort}. */
    public static Builder answeringOn(int challengePort) {
        return new Builder(challengePort);
    }

    private void start(Builder builder) throws IOException {
        writeTlsFiles();
        acmePort = ServerFiles.freePort();
        managementPort = ServerFiles.freePort();
        int dnsPort = ServerFiles.freePort();
        int dnsManagementPort = ServerFiles.freePort();
        int tlsAlpnPort = ServerFiles.freePort();
        String lifetime = builder.certificateLifetime == null ? ""
                : ",\"certificateValidityPeriod\":" + builder.certificateLifetime.toSeconds();
        Files.writeString(directory.resolve("pebble-config.json"), "{\"pebble\":{"
                + "\"listenAddress\":\"127.0.0.1:" + acmePort + "\","
                + "\"managementListenAddress\":\"127.0.0.1:" + managementPort + "\","
                + "\"certificate\":\"" + caFile() + "\",\"privateKey\":\"" + directory.resolve("key.pem") + "\","
                + "\"httpPort\":" + builder.challengePort + ",\"tlsPort\":" + tlsAlpnPort + ","
                + "\"ocspResponderURL\":\"\",\"externalAccountBindingRequired\":false" + lifetime + "}}");
        // Only the DNS listener: the test answers HTTP-01 itself. No AAAA answers, so pebble asks 127.0.0.1.
        launch("challtestsrv", Map.of(), CHALLENGE_TEST_SERVER.toString(), "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + dnsManagementPort,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "");
        await("pebble-challtestsrv answers DNS on 127.0.0.1:" + dnsPort).atMost(START_LIMIT)
                .until(() -> listening(dnsManagementPort) || exited());
        launch("pebble", Map.of("PEBBLE_VA_NOSLEEP", "1",
                "PEBBLE_WFE_NONCEREJECT", Integer.toString(builder.nonceRejectPercent),
                "PEBBLE_AUTHZREUSE", Integer.toString(builder.authorizationReusePercent)),
                PEBBLE.toString(), "-config", directory.resolve("pebble-config.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort);
        http = HttpClient.newBuilder().sslContext(trustingCa()).connectTimeout(Duration.ofSeconds(5)).build();
        await("pebble serves its directory at " + directory()).atMost(START_LIMIT).ignoreExceptions()
                .until(() -> exited() || get(directory()).statusCode() == 200);
        if (exited()) {
            throw new IllegalStateException("pebble or pebble-challtestsrv exited at its start: " + log());
        }
    }

    /** The ACME directory URL. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /** The PEM certificate of pebble's own HTTPS, to trust for talking ACME to it. */
    public Path caFile() {
        return directory.resolve("cert.pem");
    }

    /** Settings that reach this pebble, with an optional contact address. */
    public AcmeSettings settings(Optional<String> email) {
        return new AcmeSettings(directory(), email, Optional.of(caFile()));
    }

    /** The root certificate pebble issues under (made anew at each start), from its management interface. */
    public X509Certificate issuingRoot() {
        try {
            HttpResponse<String> root = get(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(root.body().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pebble's root is no certificate", e);
        }
    }

    /** What both processes printed so far, for a failure's message. */
    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("challtestsrv", "pebble")) {
            Path file = directory.resolve(name + ".log");
            try {
                text.append("--- ").append(name).append('\n').append(Files.exists(file) ? Files.readString(file) : "");
            } catch (IOException e) {
                text.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("pebble's files in " + directory + " could not be deleted", e);
        }
    }

    /** A self-signed certificate for 127.0.0.1 and localhost, with its key as PKCS#8 PEM (which Go reads). */
    private void writeTlsFiles() throws IOException {
        Path store = directory.resolve("tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(keytool.toString(), "-genkeypair", "-alias", "pebble", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=pebble", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            Files.writeString(caFile(), pem("CERTIFICATE", keys.getCertificate("pebble").getEncoded()));
            Path key = directory.resolve("key.pem");
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, pem("PRIVATE KEY", keys.getKey("pebble", STORE_PASSWORD.toCharArray()).getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keytool's store could not be read", e);
        }
    }

    private SSLContext trustingCa() throws IOException {
        try (InputStream in = Files.newInputStream(caFile())) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("pebble", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pebble's certificate cannot be trusted", e);
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void launch(String name, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        processes.add(builder.start());
    }

    private boolean exited() {
        return processes.stream().anyMatch(process -> !process.isAlive());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void run(String... command) throws IOException {
        Path output = directory.resolve("keytool.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
