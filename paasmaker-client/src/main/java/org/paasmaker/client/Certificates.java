package org.paasmaker.client;

import java.util.List;
import org.paasmaker.api.rest.CertificateJson;
import org.paasmaker.api.rest.CertificateUpload;

/**
 * {@code /api/v1/applications/{app}/certificates} and {@code /api/v1/certificates}: the certificates
 * served over HTTPS, uploaded or obtained by the platform; never with their keys.
 */
public final class Certificates {

    private final Transport transport;

    Certificates(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /certificates}: every certificate the platform keeps (an operator's view). */
    public List<CertificateJson> list() {
        return transport.getList("certificates", CertificateJson.class);
    }

    /** {@code GET /applications/{id}/certificates}. */
    public List<CertificateJson> list(long application) {
        return transport.getList(Transport.path("applications", application, "certificates"), CertificateJson.class);
    }

    /** {@code POST /applications/{id}/certificates}: the certificate as kept; a 400 says what is wrong with it. */
    public CertificateJson upload(long application, CertificateUpload upload) {
        return transport.sendJson("POST", Transport.path("applications", application, "certificates"), upload,
                CertificateJson.class);
    }

    /** {@code DELETE /applications/{id}/certificates/{certificate}}: no longer served, its key deleted. */
    public void delete(long application, String certificate) {
        transport.sendJson("DELETE", Transport.path("applications", application, "certificates", certificate), null,
                Void.class);
    }
}
