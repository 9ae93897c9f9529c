package org.paasmaker.api.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paasmaker.api.plugin.ParameterType;
import org.paasmaker.api.plugin.PluginDescriptor;
import org.paasmaker.api.plugin.PluginParameter;
import org.paasmaker.api.plugin.PluginParameters;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Checks the {@code parameters} of one plugin against what the plugin declares: no unknown names
 * (unless the plugin takes any), values of the declared types, every required one given. The result
 * has the declared defaults filled in. The original dropped unknown parameters silently; a misspelt
 * one is an error here.
 */
final class ParameterReader {

    private final NodeReader reader;
    private final PlainValues plain;

    ParameterReader(NodeReader reader, PlainValues plain) {
        this.reader = reader;
        this.plain = plain;
    }

    /**
     * @param parameters the {@code parameters} value, if the manifest gives one
     * @param path the path of {@code parameters}, such as {@code instances[0].runtime.parameters}
     * @param line where to report a missing parameter when there is no {@code parameters} map
     * @param requireAll whether the plugin's required parameters must be given: not for a runtime that
     *     only sets up the prepare commands, which launches nothing
     */
    PluginParameters read(PluginDescriptor plugin, Optional<Node> parameters, String path, int line,
            boolean requireAll) {
        Optional<MappingNode> mapping = parameters.flatMap(node -> reader.map(node, path));
        if (parameters.isPresent() && mapping.isEmpty()) {
            return PluginParameters.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        // Declared names that a misspelt one resembles: the typo is reported, "is required" would repeat it.
        Set<String> misspelt = new HashSet<>();
        for (NodeTuple entry : mapping.map(MappingNode::getValue).orElse(List.of())) {
            if (entry.getKeyNode() instanceof ScalarNode key && !values.containsKey(key.getValue())) {
                String name = key.getValue();
                Optional<PluginParameter> declared = plugin.parameter(name);
                if (declared.isPresent()) {
                    typed(declared.get().type(), entry.getValueNode(), path + "." + name)
                            .ifPresent(value -> values.put(name, value));
                } else if (plugin.openParameters()) {
                    plain.value(entry.getValueNode(), path + "." + name).ifPresent(value -> values.put(name, value));
                } else {
                    Optional<String> meant = DidYouMean.closest(name, declaredNames(plugin));
                    meant.ifPresent(misspelt::add);
                    reader.problems().add(path + "." + name, unknownParameter(plugin, meant), key);
                }
            }
        }
        int missingLine = mapping.map(Problems::lineOf).orElse(line);
        for (PluginParameter declared : plugin.parameters()) {
            if (!values.containsKey(declared.name())) {
                declared.defaultValue().ifPresent(value -> values.put(declared.name(), value));
                if (requireAll && declared.required() && !misspelt.contains(declared.name())
                        && !mentionedWrongly(mapping, declared.name())) {
                    reader.problems().add(path + "." + declared.name(),
                            "is required by " + plugin.name(), missingLine);
                }
            }
        }
        return PluginParameters.of(values);
    }

    /** Whether the parameter is there with a value of the wrong shape, already reported as such. */
    private static boolean mentionedWrongly(Optional<MappingNode> mapping, String name) {
        return mapping.stream().flatMap(m -> m.getValue().stream())
                .anyMatch(entry -> entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)
                        && !NodeReader.isEmpty(entry.getValueNode()));
    }

    private Optional<?> typed(ParameterType type, Node value, String path) {
        if (NodeReader.isEmpty(value)) {
            return Optional.empty();
        }
        return switch (type) {
            case STRING -> reader.text(value, path);
            case INTEGER -> reader.integer(value, path);
            case BOOLEAN -> reader.bool(value, path);
            case STRING_LIST -> Optional.of(strings(value, path));
            case MAP -> Optional.of(plain.map(value, path));
        };
    }

    private List<String> strings(Node value, String path) {
        List<String> strings = new ArrayList<>();
        List<Node> items = reader.list(value, path, ParameterType.STRING_LIST.description());
        for (int i = 0; i < items.size(); i++) {
            reader.itemText(items.get(i), path + "[" + i + "]").ifPresent(strings::add);
        }
        return strings;
    }

    private static List<String> declaredNames(PluginDescriptor plugin) {
        return plugin.parameters().stream().map(PluginParameter::name).toList();
    }

    private static String unknownParameter(PluginDescriptor plugin, Optional<String> meant) {
        if (plugin.parameters().isEmpty()) {
            return "unknown parameter; " + plugin.name() + " takes no parameters";
        }
        return meant.map(close -> "unknown parameter of " + plugin.name() + "; did you mean '" + close + "'?")
                .orElse("unknown parameter of " + plugin.name() + "; it takes "
                        + String.join(", ", declaredNames(plugin)));
    }
}
