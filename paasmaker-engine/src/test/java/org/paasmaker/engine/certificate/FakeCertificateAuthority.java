package org.paasmaker.engine.certificate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test certificate authority made with Debian's {@code openssl} and the JDK's {@code keytool} (a
 * stand-in for a real authority, which cannot be reached here): a root, an intermediate, and server
 * certificates it signs for any names, valid now or not, with keys in every PEM form a user may have.
 */
public final class FakeCertificateAuthority {

    private final Path directory;
    private final AtomicInteger serial = new AtomicInteger();

    /** A root and an intermediate in {@code directory}, which the caller deletes. */
    public FakeCertificateAuthority(Path directory) {
        this.directory = directory;
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days", "30",
                "-subj", "/CN=Fake Root CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "intermediate.key", "-out", "intermediate.csr",
                "-subj", "/CN=Fake Intermediate CA");
        write("intermediate.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        openssl("x509", "-req", "-in", "intermediate.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "1",
                "-days", "30", "-extfile", "intermediate.ext", "-out", "intermediate.pem");
    }

    /** A server certificate and its key. */
    public record Issued(String leafPem, String intermediatePem, String keyPem) {

        /** The leaf, then the intermediate: what a server serves. */
        public String chainPem() {
            return leafPem + intermediatePem;
        }
    }

    /** A certificate for the names, valid for {@code days} from now, signed by the intermediate; an RSA key in PKCS#8. */
    public Issued issue(int days, String... names) {
        return issue("rsa:2048", days, names);
    }

    /** As {@link #issue(int, String...)} with a key made by {@code openssl req -newkey <keySpec>} ({@code ec -pkeyopt ...}). */
    public Issued issue(String keySpec, int days, String... names) {
        String name = "leaf" + serial.incrementAndGet();
        List<String> request = new ArrayList<>(List.of("req", "-newkey", keySpec));
        if (keySpec.equals("ec")) {
            request.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        request.addAll(List.of("-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + names[0]));
        openssl(request.toArray(String[]::new));
        write(name + ".ext", "subjectAltName=" + String.join(",", java.util.Arrays.stream(names).map(n -> "DNS:" + n)
                .toList()) + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key",
                "-set_serial", Integer.toString(100 + serial.get()), "-days", Integer.toString(days), "-extfile",
                name + ".ext", "-out", name + ".pem");
        return new Issued(read(name + ".pem"), read("intermediate.pem"), read(name + ".key"));
    }

    /** A self-signed certificate for the names that expired yesterday (keytool can date one in the past). */
    public Issued expired(String... names) {
        String name = "expired" + serial.incrementAndGet();
        run("keytool", "-genkeypair", "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass", "secret",
                "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + names[0], "-startdate", "-10d",
                "-validity", "9", "-ext", "SAN=" + String.join(",", java.util.Arrays.stream(names).map(n -> "dns:" + n)
                        .toList()));
        openssl("pkcs12", "-in", name + ".p12", "-passin", "pass:secret", "-nokeys", "-clcerts", "-out", name + ".pem");
        openssl("pkcs12", "-in", name + ".p12", "-passin", "pass:secret", "-nocerts", "-nodes", "-out", name + ".key");
        return new Issued(read(name + ".pem"), "", read(name + ".key"));
    }

    /** The key in PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), its traditional form. */
    public String traditional(String keyPem) {
        String name = "key" + serial.incrementAndGet();
        write(name + ".pem", keyPem);
        openssl("pkey", "-in", name + ".pem", "-traditional", "-out", name + ".traditional");
        return read(name + ".traditional");
    }

    /** The key encrypted with a passphrase, as PKCS#8 ({@code ENCRYPTED PRIVATE KEY}). */
    public String encrypted(String keyPem) {
        String name = "key" + serial.incrementAndGet();
        write(name + ".pem", keyPem);
        openssl("pkcs8", "-topk8", "-in", name + ".pem", "-passout", "pass:secret", "-out", name + ".encrypted");
        return read(name + ".encrypted");
    }

    private void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private void run(String... command) {
        try {
            Path output = Files.createTempFile(directory, "command", ".out");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(String name, String text) {
        try {
            Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
