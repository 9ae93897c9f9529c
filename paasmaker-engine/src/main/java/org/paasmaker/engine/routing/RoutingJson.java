package org.paasmaker.engine.routing;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of the router's values as the engine writes and reads them: the router process's
 * control channel and the route feed that routers on other machines follow. The router module has
 * its own, configured alike; the records of {@code org.paasmaker.api.routing} are the contract.
 */
public final class RoutingJson {

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

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The JSON object with {@code field} set to {@code value} when it lacks it: for a number an older
     * router leaves out, which the strict reading of numbers would refuse as null.
     *
     * @throws IllegalArgumentException when the JSON is no object
     */
    static byte[] withDefault(byte[] json, String field, int value) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object: " + new String(json, StandardCharsets.UTF_8));
            }
            if (!object.has(field)) {
                object.put(field, value);
            }
            return JSON.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the JSON */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }
}
