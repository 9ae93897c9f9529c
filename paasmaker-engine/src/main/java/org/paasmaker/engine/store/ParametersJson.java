package org.paasmaker.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * {@link PluginParameters} in JSON, each value coming back with its Java type. Text, booleans, Longs,
 * finite Doubles, lists and maps are plain JSON. Integers and non-finite Doubles, which plain JSON
 * cannot tell from Longs or write at all, become {@code {"$int": 5}} and {@code {"$double": "NaN"}};
 * so that no map is mistaken for one of those, a map key that starts with {@code $} is stored with
 * its {@code $} doubled. Every store keeps parameters (tags, service credentials) this way.
 */
public final class ParametersJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "$";
    private static final String INTEGER = "$int";
    private static final String DOUBLE = "$double";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParametersJson() {
    }

    /** The parameters as JSON text; an {@code INVALID_REQUEST} error naming {@code where} for a value no store can keep. */
    public static String write(PluginParameters parameters, String where) {
        try {
            return JSON.writeValueAsString(encode(parameters, where));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values could not be written", e);
        }
    }

    /** The parameters in JSON text; an {@link IllegalArgumentException} naming {@code where} when it holds something else. */
    public static PluginParameters read(String json, String where) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null) {
                throw new IllegalArgumentException(where + " is empty");
            }
            return decode(node, where);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode encode(PluginParameters parameters, String where) {
        return encodeMap(parameters.asMap(), where);
    }

    /** The parameters in {@code node}; an {@link IllegalArgumentException} naming {@code where} when it is not. */
    static PluginParameters decode(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object");
        }
        return PluginParameters.of(decodeMap(node, where));
    }

    private static JsonNode encodeValue(Object value, String where) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.objectNode().put(INTEGER, number);
        }
        if (value instanceof Double number) {
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.objectNode().put(DOUBLE, number.toString());
        }
        if (value instanceof Map<?, ?> map) {
            return encodeMap(map, where);
        }
        if (value instanceof List<?> list) {
            ArrayNode items = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                items.add(encodeValue(list.get(i), where + "[" + i + "]"));
            }
            return items;
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the value of " + where + " is a "
                + value.getClass().getName() + ", which the store cannot keep; use text, a whole number (Long or"
                + " Integer), a Double, a boolean, a list or a map");
    }

    private static ObjectNode encodeMap(Map<?, ?> map, String where) {
        ObjectNode entries = NODES.objectNode();
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            entries.set(name.startsWith(MARK) ? MARK + name : name, encodeValue(value, where + "." + name));
        });
        return entries;
    }

    private static Object decodeValue(JsonNode node, String where) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(decodeValue(node.get(i), where + "[" + i + "]"));
            }
            return items;
        }
        if (node.isObject() && node.size() == 1 && node.has(INTEGER) && node.get(INTEGER).canConvertToInt()) {
            return node.get(INTEGER).intValue();
        }
        if (node.isObject() && node.size() == 1 && node.has(DOUBLE) && node.get(DOUBLE).isTextual()) {
            return parseDouble(node.get(DOUBLE).textValue(), where);
        }
        if (node.isObject()) {
            return decodeMap(node, where);
        }
        throw new IllegalArgumentException(where + " holds " + node + ", which is not a parameter value");
    }

    private static Map<String, Object> decodeMap(JsonNode node, String where) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String stored = entry.getKey();
            if (stored.startsWith(MARK) && !stored.startsWith(MARK + MARK)) {
                throw new IllegalArgumentException(where + " has the key '" + stored
                        + "', which is neither a map key (those starting with $ are stored as $$) nor a type mark");
            }
            String name = stored.startsWith(MARK) ? stored.substring(1) : stored;
            entries.put(name, decodeValue(entry.getValue(), where + "." + name));
        }
        return entries;
    }

    private static Double parseDouble(String text, String where) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " holds the Double '" + text + "', which is not a number");
        }
    }
}
