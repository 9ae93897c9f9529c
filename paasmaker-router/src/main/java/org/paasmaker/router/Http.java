package org.paasmaker.router;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;

/** The HTTP codec settings both sides of the proxy share. */
final class Http {

    /** Body pieces up to this size pass as one message: fewer messages per megabyte, and no copy either way. */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private Http() {
    }

    /**
     * Header validation off: the proxy passes headers on unchanged, and the instance behind it
     * validates what it uses; validating here costs a scan of every header of every request.
     */
    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
                .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false));
    }
}
