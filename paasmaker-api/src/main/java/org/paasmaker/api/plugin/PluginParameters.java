package org.paasmaker.api.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The parameters given to one plugin, after validation: declared defaults filled in, values of the
 * declared types. Values are YAML-shaped (String, Long, Boolean, Double, List, Map), deeply immutable.
 */
public final class PluginParameters {

    private static final PluginParameters EMPTY = new PluginParameters(Map.of());

    private final Map<String, Object> values;

    private PluginParameters(Map<String, Object> values) {
        this.values = values;
    }

    public static PluginParameters empty() {
        return EMPTY;
    }

    public static PluginParameters of(Map<String, ?> values) {
        return values.isEmpty() ? EMPTY : new PluginParameters(freezeMap(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<Object> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Optional<String> findString(String name) {
        return find(name).map(String::valueOf);
    }

    public String string(String name) {
        return findString(name).orElseThrow(() -> missing(name));
    }

    public long integer(String name) {
        Object value = find(name).orElseThrow(() -> missing(name));
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                "parameter '" + name + "' must be a whole number, not '" + value + "'");
    }

    public boolean bool(String name) {
        Object value = find(name).orElseThrow(() -> missing(name));
        return Boolean.TRUE.equals(value);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String name) {
        Object value = find(name).orElse(List.of());
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                "parameter '" + name + "' must be a list of strings, not '" + value + "'");
    }

    /** The values as an unmodifiable map, in the order the manifest gave them. */
    public Map<String, Object> asMap() {
        return values;
    }

    private static PaasmakerException missing(String name) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, "parameter '" + name + "' is not set");
    }

    private static Map<String, Object> freezeMap(Map<?, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(freeze(item)));
            return Collections.unmodifiableList(copy);
        }
        return Objects.requireNonNull(value, "parameter values cannot be null");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PluginParameters that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
