package org.paasmaker.api.manifest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A map of the manifest with a fixed set of keys, such as {@code instances[0]} or {@code application}.
 * Any other key is reported, with the known key it resembles; values are read by key, typed by the
 * {@link NodeReader}, with paths such as {@code instances[0].quantity}.
 */
final class Section {

    private final String path;
    private final int line;
    private final NodeReader reader;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    // Known keys that an unknown one resembles: the typo is reported, so "is required" would only repeat it.
    private final Set<String> misspelt = new HashSet<>();

    private Section(String path, int line, NodeReader reader) {
        this.path = path;
        this.line = line;
        this.reader = reader;
    }

    /** The section, if the node is a map (a null is reported as required, anything else as the wrong shape). */
    static Optional<Section> read(Node node, String path, List<String> keys, NodeReader reader) {
        if (NodeReader.isEmpty(node)) {
            reader.problems().add(path, "is required", node);
            return Optional.empty();
        }
        return reader.map(node, path).map(mapping -> of(mapping, path, keys, reader));
    }

    static Section of(MappingNode mapping, String path, List<String> keys, NodeReader reader) {
        Section section = new Section(path, Problems.lineOf(mapping), reader);
        for (NodeTuple entry : mapping.getValue()) {
            // Keys that are not text, and repeated keys, are reported by YamlShapeCheck; the first one counts.
            if (entry.getKeyNode() instanceof ScalarNode key && !section.entries.containsKey(key.getValue())) {
                section.entries.put(key.getValue(), entry);
                if (!keys.contains(key.getValue())) {
                    section.reportUnknown(key, keys);
                }
            }
        }
        return section;
    }

    private void reportUnknown(ScalarNode key, List<String> keys) {
        Optional<String> meant = DidYouMean.closest(key.getValue(), keys);
        meant.ifPresent(misspelt::add);
        reader.problems().add(path(key.getValue()), meant.map(known -> "unknown key; did you mean '" + known + "'?")
                .orElse("unknown key; the keys here are " + String.join(", ", keys)), key);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return line;
    }

    /** The key's value; empty when the key is missing, or its value null or the empty text. */
    Optional<Node> find(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode).filter(n -> !NodeReader.isEmpty(n));
    }

    /** The key's value, or empty after reporting that it is required. */
    Optional<Node> require(String key) {
        Optional<Node> value = find(key);
        if (value.isEmpty()) {
            reportRequired(key);
        }
        return value;
    }

    private void reportRequired(String key) {
        if (!misspelt.contains(key)) {
            reader.problems().add(path(key), "is required", lineOf(key));
        }
    }

    /** The line of the key if it is given, else of the section: where to report something about it. */
    int lineOf(String key) {
        NodeTuple entry = entries.get(key);
        return entry == null ? line : Problems.lineOf(entry.getKeyNode());
    }

    Optional<String> text(String key) {
        return find(key).flatMap(node -> reader.text(node, path(key)));
    }

    Optional<String> requiredText(String key) {
        return require(key).flatMap(node -> reader.text(node, path(key)));
    }

    Optional<Long> integer(String key) {
        return find(key).flatMap(node -> reader.integer(node, path(key)));
    }

    boolean bool(String key, boolean byDefault) {
        return find(key).flatMap(node -> reader.bool(node, path(key))).orElse(byDefault);
    }

    List<Node> list(String key) {
        return find(key).map(node -> reader.list(node, path(key))).orElse(List.of());
    }
}
