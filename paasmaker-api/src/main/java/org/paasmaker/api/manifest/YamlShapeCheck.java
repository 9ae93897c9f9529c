package org.paasmaker.api.manifest;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks, everywhere in the document, what no manifest may hold: a tag other than YAML's plain ones
 * ({@code !!java.io.File}, {@code !foo}), a key that is not text, a key given twice in one map. Each node
 * is visited once, however many aliases point at it.
 */
final class YamlShapeCheck {

    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    private final Problems problems;
    private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlShapeCheck(Problems problems) {
        this.problems = problems;
    }

    static void check(Node root, Problems problems) {
        new YamlShapeCheck(problems).visit(root, "");
    }

    private void visit(Node node, String path) {
        if (!visited.add(node)) {
            return;
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            problems.add(path, "the tag '" + written(node.getTag()) + "' is not allowed; a manifest holds plain"
                    + " values only, so remove the tag", node);
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                visit(sequence.getValue().get(i), path + "[" + i + "]");
            }
        } else if (node instanceof MappingNode mapping) {
            visitEntries(mapping, path);
        }
    }

    private void visitEntries(MappingNode mapping, String path) {
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                problems.add(path, "a key must be plain text, not " + Describe.node(entry.getKeyNode()),
                        entry.getKeyNode());
                continue;
            }
            String keyPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            Integer firstLine = keyLines.putIfAbsent(key.getValue(), Problems.lineOf(key));
            if (firstLine != null) {
                problems.add(keyPath, "duplicate key; it is already set on line " + firstLine
                        + ", so remove one of them", key);
            }
            visit(key, keyPath);
            visit(entry.getValueNode(), keyPath);
        }
    }

    /** The tag as the author wrote it: {@code !!java.io.File} rather than {@code tag:yaml.org,2002:java.io.File}. */
    private static String written(Tag tag) {
        return tag.getValue().startsWith(Tag.PREFIX) ? "!!" + tag.getValue().substring(Tag.PREFIX.length())
                : tag.getValue();
    }
}
