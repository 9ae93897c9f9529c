package org.paasmaker.environment;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the typed values out of a parsed {@code PM_METADATA}, {@code PM_SERVICES} or fallback file,
 * naming the source and the key of a wrong one. The layouts are the original's: the metadata's
 * {@code application} object (with {@code name}, {@code version}, {@code workspace} and
 * {@code workspace_stub}; {@code application_id} and {@code version_id} when Paasmaker runs the
 * instance), {@code node} and {@code workspace}; the services' object of objects.
 */
final class Documents {

    private Documents() {
    }

    /** The whole document, which must be a mapping; {@code layout} says what it should hold. */
    static Map<String, Object> root(Object document, String source, String layout) {
        if (document instanceof Map<?, ?> map) {
            return cast(map);
        }
        throw new EnvironmentException(source + " is " + Values.kind(document) + ", expected " + layout);
    }

    static Metadata metadata(Map<String, Object> document, String source) {
        Map<String, Object> application = mapping(document, "application", source, true);
        return new Metadata(
                text(application, "application.name", source),
                optionalLong(application, "application.application_id", source),
                integer(application, "application.version", source),
                optionalLong(application, "application.version_id", source),
                text(application, "application.workspace", source),
                text(application, "application.workspace_stub", source),
                mapping(document, "node", source, false),
                mapping(document, "workspace", source, false));
    }

    /** Each member a service, whose value is the mapping of its parameters. */
    static Map<String, Service> services(Map<String, Object> services, String source) {
        Map<String, Service> all = new LinkedHashMap<>();
        services.forEach((name, parameters) -> {
            if (!(parameters instanceof Map<?, ?> map)) {
                throw new EnvironmentException(source + ": the service '" + name + "' is " + Values.kind(parameters)
                        + ", expected a mapping of its parameters (hostname, port, ...)");
            }
            if (name.isBlank()) {
                throw new EnvironmentException(source + ": a service has a blank name");
            }
            all.put(name, new Service(name, cast(map)));
        });
        return all;
    }

    /**
     * The mapping under a key; a missing or null optional one is empty, since a fallback file written
     * by hand may leave out {@code node: {}}.
     */
    static Map<String, Object> mapping(Map<String, Object> parent, String key, String source, boolean required) {
        Object value = parent.get(lastPart(key));
        if (value == null && !required) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        throw wrong(source, key, value, parent.containsKey(lastPart(key)), "a mapping");
    }

    private static String text(Map<String, Object> parent, String key, String source) {
        Object value = parent.get(lastPart(key));
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        throw wrong(source, key, value, parent.containsKey(lastPart(key)), "a text value");
    }

    private static int integer(Map<String, Object> parent, String key, String source) {
        Object value = parent.get(lastPart(key));
        if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw wrong(source, key, value, parent.containsKey(lastPart(key)), "an integer");
    }

    private static OptionalLong optionalLong(Map<String, Object> parent, String key, String source) {
        Object value = parent.get(lastPart(key));
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof Long number) {
            return OptionalLong.of(number);
        }
        String kind = value instanceof BigInteger ? "a number beyond a long" : Values.kind(value);
        throw new EnvironmentException(source + ": '" + key + "' is " + kind + ", expected an integer");
    }

    private static EnvironmentException wrong(String source, String key, Object value, boolean present, String expected) {
        String found = present ? "is " + Values.kind(value) : "is missing";
        return new EnvironmentException(source + ": '" + key + "' " + found + ", expected " + expected);
    }

    private static String lastPart(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** The readers make maps with string keys only (JSON member names, YAML keys as text). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
