package org.paasmaker.environment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Helpers for the values the readers make: maps, lists, strings, numbers, booleans and nulls. */
final class Values {

    private Values() {
    }

    /**
     * An unmodifiable copy in the same order. Not {@link Map#copyOf}: a JSON or YAML {@code null} is a
     * value a document may hold, and {@code Map.copyOf} refuses it.
     */
    static Map<String, Object> copyOf(Map<String, ?> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A scalar as text (a number or boolean as written in JSON); empty for null. */
    static Optional<String> text(Object value, Supplier<String> what) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw new EnvironmentException(what.get() + " is " + kind(value) + ", expected a text value");
        }
        return Optional.of(value.toString());
    }

    /** What a value is, for messages that must not quote it (a service's values may be passwords). */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a string";
    }

    static boolean isScalar(Object value) {
        return !(value instanceof Map) && !(value instanceof List);
    }
}
