package org.paasmaker.war.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The secret every API call but the health check must present as {@code Authorization: Bearer <token>}. */
public final class ApiToken {

    private final byte[] value;

    ApiToken(String value) {
        this.value = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8);
    }

    /** In constant time, so the answer's timing tells nothing about how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
