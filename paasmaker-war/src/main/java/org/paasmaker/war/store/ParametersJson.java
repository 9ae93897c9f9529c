package org.paasmaker.war.store;

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
 * {@link PluginParameters} as the JSON text of one column, each value coming back with its Java type,
 * in the engine's store-file notation: text, booleans, Longs, finite Doubles, lists and maps are plain
 * JSON; Integers and non-finite Doubles, which plain JSON cannot tell from Longs or write at all, are
 * {@code {"$int": 5}} and {@code {"$double": "NaN"}}, and a map key starting with {@code $} has its
 * {@code $} doubled so that no map is taken for one of those.
 */
final class ParametersJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "$";
    private static final String INTEGER = "$int";
    private static final String DOUBLE = "$double";

    private ParametersJson() {
    }

    /** The parameters as JSON; an {@code INVALID_REQUEST} error naming {@code where} for a value no column can keep. */
    static String write(PluginParameters parameters, String where) {
        try {
            return JSON.writeValueAsString(encodeMap(parameters.asMap(), where));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values could not be written", e);
        }
    }

    /** The parameters in {@code json}; an {@code INTERNAL} error naming {@code where} when the column holds something else. */
    static PluginParameters read(String json, String where) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            return PluginParameters.of(decodeMap(node));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the database holds unreadable parameters for " + where
                    + " (" + e.getMessage() + "); correct or delete that record", e);
        }
    }

    private static JsonNode encode(Object value, String where) {
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
                items.add(encode(list.get(i), where + "[" + i + "]"));
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
            entries.set(name.startsWith(MARK) ? MARK + name : name, encode(value, where + "." + name));
        });
        return entries;
    }

    private static Object decode(JsonNode node) {
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
            node.forEach(item -> items.add(decode(item)));
            return items;
        }
        if (node.isObject() && node.size() == 1 && node.has(INTEGER) && node.get(INTEGER).canConvertToInt()) {
            return node.get(INTEGER).intValue();
        }
        if (node.isObject() && node.size() == 1 && node.has(DOUBLE) && node.get(DOUBLE).isTextual()) {
            return Double.valueOf(node.get(DOUBLE).textValue());
        }
        if (node.isObject()) {
            return decodeMap(node);
        }
        throw new IllegalArgumentException("it holds " + node + ", which is not a parameter value");
    }

    private static Map<String, Object> decodeMap(JsonNode node) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String stored = entry.getKey();
            String name = stored.startsWith(MARK + MARK) ? stored.substring(1) : stored;
            entries.put(name, decode(entry.getValue()));
        }
        return entries;
    }
}
