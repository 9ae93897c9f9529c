package org.paasmaker.api.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns free-form YAML (application tags, parameters of open plugins, map parameters) into the plain
 * values {@link org.paasmaker.api.plugin.PluginParameters} holds: String, Long, Double, Boolean, List
 * and Map. Numbers and booleans keep their type, as the original handed them to applications.
 */
final class PlainValues {

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final NodeReader reader;
    // The maps and lists being read, to refuse one that contains itself through an alias.
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    PlainValues(NodeReader reader) {
        this.reader = reader;
    }

    /** The entries of a map; an empty map for a null. */
    Map<String, Object> map(Node node, String path) {
        Optional<MappingNode> mapping = reader.map(node, path);
        if (mapping.isEmpty()) {
            return Map.of();
        }
        open.add(mapping.get());
        try {
            return entries(mapping.get(), path);
        } finally {
            open.remove(mapping.get());
        }
    }

    Optional<Object> value(Node node, String path) {
        reader.budget().spend(1);
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, path);
        }
        if (!open.add(node)) {
            reader.problems().add(path, "contains itself through an alias", node);
            return Optional.empty();
        }
        try {
            return Optional.of(node instanceof MappingNode mapping
                    ? entries(mapping, path) : items((SequenceNode) node, path));
        } finally {
            open.remove(node);
        }
    }

    private Map<String, Object> entries(MappingNode mapping, String path) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key && !entries.containsKey(key.getValue())) {
                String keyPath = path + "." + key.getValue();
                value(entry.getValueNode(), keyPath).ifPresent(value -> entries.put(key.getValue(), value));
            }
        }
        return entries;
    }

    private List<Object> items(SequenceNode sequence, String path) {
        List<Object> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            value(nodes.get(i), path + "[" + i + "]").ifPresent(items::add);
        }
        return items;
    }

    private Optional<Object> scalar(ScalarNode scalar, String path) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            reader.problems().add(path, "has no value; write '' for an empty text, or remove it", scalar);
            return Optional.empty();
        }
        if (tag.equals(Tag.BOOL)) {
            return Optional.of(Boolean.valueOf(Set.of("true", "yes", "on").contains(text.toLowerCase(Locale.ROOT))));
        }
        if (tag.equals(Tag.INT) && DECIMAL_INTEGER.matcher(text).matches()) {
            return Optional.of(Long.parseLong(text));
        }
        if (tag.equals(Tag.FLOAT) && DECIMAL_FLOAT.matcher(text).matches()) {
            return Optional.of(Double.parseDouble(text));
        }
        // Other forms (0x1F, 1_000, .inf, timestamps) stay the text as written.
        return Optional.of(text);
    }
}
