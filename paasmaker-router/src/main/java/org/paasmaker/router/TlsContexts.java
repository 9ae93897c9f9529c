package org.paasmaker.router;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.routing.ServedCertificate;

/**
 * Makes the server side of TLS for one certificate: TLS 1.2 and 1.3 only, with HTTP/2's cipher list
 * (for TLS 1.2: ECDHE key exchange and AEAD ciphers only, RFC 7540's list of what HTTP/2 may use),
 * HTTP/2 and HTTP/1.1 offered by ALPN. OpenSSL (Netty's BoringSSL build) where its native library
 * loads, for speed; the JDK's TLS otherwise.
 */
final class TlsContexts {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private static final SslProvider PROVIDER = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;

    private TlsContexts() {
    }

    /** Which TLS implementation serves, for the router's start line. */
    static String provider() {
        return PROVIDER == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "the JDK's TLS";
    }

    /** @throws PaasmakerException naming the certificate's names, when its PEM is no certificate and key pair */
    static SslContext forCertificate(ServedCertificate certificate) {
        try {
            return SslContextBuilder.forServer(pem(certificate.chainPem()), pem(certificate.keyPem()))
                    .sslProvider(PROVIDER)
                    .protocols(PROTOCOLS)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the router cannot serve the certificate for "
                    + certificate.names() + ": " + e.getMessage() + "; give a PEM chain and its PKCS#8 private key", e);
        }
    }

    private static ByteArrayInputStream pem(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
