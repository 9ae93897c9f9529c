package org.paasmaker.engine.certificate;

import java.util.List;
import java.util.Optional;

/**
 * Where the platform keeps its certificates and their keys, readable by itself alone. The file
 * implementation is {@link FileCertificateStore}; the database may take the records later.
 */
public interface CertificateStore {

    List<KeptCertificate> list();

    /** Empty for an unknown id and for a string that is no id. */
    Optional<KeptCertificate> find(String id);

    /** Adds the certificate, or replaces the one with its id; either wholly or not at all. */
    void save(KeptCertificate certificate);

    /** Forgets it and deletes its key; nothing for an unknown id. */
    void delete(String id);
}
