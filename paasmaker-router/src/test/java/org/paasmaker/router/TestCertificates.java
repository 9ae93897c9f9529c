package org.paasmaker.router;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.paasmaker.api.routing.ServedCertificate;

/**
 * A certificate authority for tests, made with the JDK's {@code keytool} (no OpenSSL, no BouncyCastle
 * needed): it issues EC certificates for DNS names, as PEM chain and PKCS#8 key, and gives clients
 * an {@link SSLContext} that trusts it.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path directory;
    private final Path authority;
    private final String authorityPem;
    private int issued;

    private TestCertificates(Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        this.authority = directory.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Paasmaker test CA",
                "-ext", "bc:c", "-validity", "30", "-keystore", authority.toString(), "-storetype", "PKCS12");
        authorityPem = new String(keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", authority.toString()),
                StandardCharsets.US_ASCII);
    }

    /** A new authority whose files live in {@code directory}. */
    public static TestCertificates authority(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        return new TestCertificates(directory);
    }

    /** A certificate for these DNS names (the first also its subject's CN), signed by this authority. */
    public ServedCertificate issue(String... names) throws Exception {
        Path store = directory.resolve("leaf-" + (++issued) + ".p12");
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + names[0].replace("*", "wildcard"), "-validity", "30", "-keystore", store.toString(),
                "-storetype", "PKCS12");
        Path request = directory.resolve("leaf-" + issued + ".csr");
        Files.write(request, keytool("-certreq", "-alias", "leaf", "-keystore", store.toString()));
        List<String> san = new ArrayList<>();
        for (String name : names) {
            san.add("dns:" + name);
        }
        byte[] leafPem = keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", authority.toString(), "-infile",
                request.toString(), "-ext", "san=" + String.join(",", san), "-ext", "eku=serverAuth", "-validity", "30");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey("leaf", PASSWORD.toCharArray());
        String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        return new ServedCertificate(List.of(names), new String(leafPem, StandardCharsets.US_ASCII) + authorityPem, keyPem);
    }

    /** A client context that trusts this authority alone. */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(authorityPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The first certificate of a PEM chain. */
    public static X509Certificate leaf(ServedCertificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.chainPem().getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: "
                        + new String(out, StandardCharsets.UTF_8) + new String(err, StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
