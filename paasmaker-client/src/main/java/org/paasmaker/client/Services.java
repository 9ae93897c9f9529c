package org.paasmaker.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.paasmaker.api.error.ErrorCode;

/**
 * {@code /api/v1/services/{id}}: a service's data as a dump, out and back in (PostgreSQL: pg_dump's
 * custom format; MySQL: mariadb-dump's SQL; Redis: an RDB file); list services with
 * {@link Applications#services}. A dump takes as long as it takes: no request timeout applies to it.
 */
public final class Services {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final Transport transport;

    Services(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /services/{id}/export}: the dump, written to {@code out} as it arrives. */
    public void export(long id, OutputStream out) {
        HttpRequest request = transport.request(Transport.path("services", id, "export"), OCTET_STREAM + ", application/sql")
                .GET().build();
        HttpResponse<InputStream> response = transport.send(request);
        try (InputStream body = response.body()) {
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw transport.broken(request, e);
        }
    }

    /**
     * The same into {@code file}, which appears only once the whole dump has arrived (it is written
     * next to it first); an export that breaks off leaves no file.
     */
    public void export(long id, Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                export(id, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "cannot write the dump to " + file + ": "
                    + e.getMessage(), 0, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Only the partial file is left; the message above or the complete file says the rest.
            }
        }
    }

    /**
     * {@code POST /services/{id}/import}: replaces the service's data with the dump in {@code file}. The
     * server checks it before touching anything, and a dump that fails to load leaves the data as it was;
     * either way the exception quotes why.
     */
    public void importDump(long id, Path file) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new PaasmakerClientException(ErrorCode.INVALID_REQUEST, "there is no file " + file + " to import",
                    0, new NoSuchFileException(file.toString()));
        }
        HttpRequest request = transport.request(Transport.path("services", id, "import"), "application/json")
                .header("Content-Type", OCTET_STREAM).POST(body).build();
        Transport.discard(transport.send(request));
    }
}
