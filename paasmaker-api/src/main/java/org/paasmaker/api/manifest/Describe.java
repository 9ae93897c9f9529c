package org.paasmaker.api.manifest;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** How error messages show a value: a scalar quoted as written, a collection by its kind. */
final class Describe {

    private static final int MAX_QUOTED = 60;

    private Describe() {
    }

    static String quote(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return "'" + (oneLine.length() > MAX_QUOTED ? oneLine.substring(0, MAX_QUOTED) + "..." : oneLine) + "'";
    }

    /** {@code 'abc'}, {@code a list} or {@code a map}: completes "must be a number, not ...". */
    static String node(Node node) {
        if (node instanceof ScalarNode scalar) {
            return quote(scalar.getValue());
        }
        return node instanceof MappingNode ? "a map" : "a list";
    }
}
