package org.paasmaker.router;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The JSON form of the router's values, as its control channel, its table file and the controller's
 * route feed have them.
 */
final class RoutingJson {

    /** Configured once here and only read afterwards, which makes it safe to share. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            // Records' components only: DrainResult.isComplete() is derived, not a field of the wire.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // A flag added later (a route's redirectToHttps) is absent from what older versions wrote: false.
            .withConfigOverride(boolean.class, flags -> flags.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .build();

    private RoutingJson() {
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the JSON */
    static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }
}
