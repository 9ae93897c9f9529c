package org.paasmaker.api.rest;

/** A new API key and its secret, which the server shows this once and keeps only hashed. */
public record IssuedApiKeyJson(ApiKeyJson key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKeyJson[" + key + ", secret hidden]";
    }
}
