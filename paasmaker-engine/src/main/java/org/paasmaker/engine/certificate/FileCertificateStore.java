package org.paasmaker.engine.certificate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.certificate.Certificate;
import org.paasmaker.api.certificate.CertificateSource;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Certificates in a directory only the platform's user may enter (0700): per certificate
 * {@code <id>.key} (its PKCS#8 key) and {@code <id>.json} (the record and the chain), both 0600, each
 * written to a temporary file, put on disk and renamed over the old one. The key is written before
 * the record and deleted after it, so a record always has its key; a key without a record is what a
 * crash left behind, and is deleted when the store is opened. Read once when opened, then kept in memory.
 */
public final class FileCertificateStore implements CertificateStore {

    private static final String RECORD = ".json";
    private static final String KEY = ".key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, KeptCertificate> certificates = new ConcurrentHashMap<>();

    private FileCertificateStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The store in {@code directory} (made when missing, its mode set to 0700), with what it holds.
     *
     * @param warnings hears about each record that cannot be read, which is skipped
     */
    public static FileCertificateStore open(Path directory, Consumer<String> warnings) {
        FileCertificateStore store = new FileCertificateStore(directory.toAbsolutePath());
        store.load(warnings);
        return store;
    }

    @Override
    public List<KeptCertificate> list() {
        return certificates.values().stream().sorted(Comparator.comparing(c -> c.certificate().notBefore())).toList();
    }

    @Override
    public Optional<KeptCertificate> find(String id) {
        return Certificate.isId(id) ? Optional.ofNullable(certificates.get(id)) : Optional.empty();
    }

    @Override
    public synchronized void save(KeptCertificate kept) {
        Certificate certificate = kept.certificate();
        write(kept.id() + KEY, kept.keyPem());
        write(kept.id() + RECORD, json(new FileRecord(certificate.id(), certificate.names(), certificate.issuer(),
                certificate.notBefore().toString(), certificate.notAfter().toString(), certificate.source().wire(),
                certificate.hostnames(), certificate.application().map(ApplicationId::value).orElse(null),
                kept.chainPem())));
        certificates.put(kept.id(), kept);
    }

    @Override
    public synchronized void delete(String id) {
        if (!Certificate.isId(id)) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(id + RECORD));
            Files.deleteIfExists(directory.resolve(id + KEY));
        } catch (IOException e) {
            throw failure("delete certificate " + id + " from", e);
        }
        certificates.remove(id);
    }

    /** The record and chain of one certificate as its file has them. */
    private record FileRecord(String id, List<String> names, String issuer, String notBefore, String notAfter,
            String source, List<String> hostnames, Long application, String chainPem) {
    }

    private void load(Consumer<String> warnings) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            List<Path> keys = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(RECORD)) {
                        read(file, warnings);
                    } else if (name.endsWith(KEY)) {
                        keys.add(file);
                    } else if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(file);
                    }
                }
            }
            for (Path key : keys) {
                String id = key.getFileName().toString().replace(KEY, "");
                if (!certificates.containsKey(id) && !Files.exists(directory.resolve(id + RECORD))) {
                    Files.deleteIfExists(key);
                }
            }
        } catch (IOException e) {
            throw failure("read", e);
        }
    }

    private void read(Path file, Consumer<String> warnings) {
        try {
            FileRecord record = JSON.readValue(file.toFile(), FileRecord.class);
            String key = Files.readString(directory.resolve(record.id() + KEY), StandardCharsets.US_ASCII);
            Certificate certificate = new Certificate(record.id(), record.names(), record.issuer(),
                    Instant.parse(record.notBefore()), Instant.parse(record.notAfter()),
                    CertificateSource.fromWire(record.source()), record.hostnames(),
                    Optional.ofNullable(record.application()).map(ApplicationId::new));
            certificates.put(certificate.id(), new KeptCertificate(certificate, record.chainPem(), key));
        } catch (IOException | RuntimeException e) {
            warnings.accept("Skipped the certificate record " + file + ": " + e.getMessage() + ". Upload the"
                    + " certificate again, or delete the file and its .key.");
        }
    }

    private void write(String name, String content) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw failure("write " + name + " in", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The failure above is what the caller hears about.
                }
            }
        }
    }

    private static String json(FileRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write certificate " + record.id() + " as JSON", e);
        }
    }

    private PaasmakerException failure(String verb, IOException e) {
        return new PaasmakerException(ErrorCode.INTERNAL, "cannot " + verb + " the certificate store " + directory
                + ": " + e.getMessage() + "; check the directory's owner, permissions and free space", e);
    }
}
