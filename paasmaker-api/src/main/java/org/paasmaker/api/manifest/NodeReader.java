package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of YAML nodes the way manifest format 1 coerces them. A value of the wrong
 * shape is reported with its path and line, and read as absent; so is a null, which the caller turns
 * into "is required" where the value is.
 */
final class NodeReader {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]{1,18}");
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "off", "0");

    private final Problems problems;
    private final NodeBudget budget;

    NodeReader(Problems problems, NodeBudget budget) {
        this.problems = problems;
        this.budget = budget;
    }

    Problems problems() {
        return problems;
    }

    NodeBudget budget() {
        return budget;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** Null, or the empty text: what a required value must not be. */
    static boolean isEmpty(Node node) {
        return isNull(node) || node instanceof ScalarNode scalar && scalar.getValue().isEmpty();
    }

    /**
     * Any scalar, as the text written in the YAML: {@code version: 5.10} reads "5.10". The original
     * Paasmaker applied Python's {@code str()} to the loaded value, which gave "5.1"; keeping the text as
     * written is deliberate, since a version is a name, not a number. The empty text reads as absent.
     */
    Optional<String> text(Node node, String path) {
        if (isEmpty(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.add(path, "must be a string, not " + Describe.node(node), node);
        return Optional.empty();
    }

    /** A list item's text: unlike a key's value, an empty item is an error of its own. */
    Optional<String> itemText(Node node, String path) {
        if (isEmpty(node)) {
            problems.add(path, "is empty; give it a value or remove it", node);
            return Optional.empty();
        }
        return text(node, path);
    }

    /**
     * A whole number: a YAML integer, or text of decimal digits ({@code "3"}). Leading zeros are decimal
     * ({@code 010} is 10), not YAML 1.1 octal as Python read them.
     */
    Optional<Long> integer(Node node, String path) {
        if (isEmpty(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar && WHOLE_NUMBER.matcher(scalar.getValue()).matches()
                && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.STR))) {
            return Optional.of(Long.parseLong(scalar.getValue()));
        }
        problems.add(path, "must be a whole number, not " + Describe.node(node), node);
        return Optional.empty();
    }

    /**
     * True or false: YAML's booleans (true, yes, on and their opposites, in any case, quoted or not),
     * and 0 or 1. The original took anything but false and 0 as true; here anything else is an error.
     */
    Optional<Boolean> bool(Node node, String path) {
        if (isEmpty(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar) {
            String word = scalar.getValue().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return Optional.of(true);
            }
            if (FALSE_WORDS.contains(word)) {
                return Optional.of(false);
            }
        }
        problems.add(path, "must be true or false, not " + Describe.node(node), node);
        return Optional.empty();
    }

    /** The items of a list; none for a null, and none (reported) for a scalar or a map. */
    List<Node> list(Node node, String path) {
        return list(node, path, "a list");
    }

    /** As {@link #list(Node, String)}, naming what the list must hold in the message: "a list of strings". */
    List<Node> list(Node node, String path, String expected) {
        if (isNull(node)) {
            return List.of();
        }
        if (node instanceof SequenceNode sequence) {
            budget.spend(sequence.getValue().size());
            return sequence.getValue();
        }
        problems.add(path, "must be " + expected + ", not " + Describe.node(node), node);
        return List.of();
    }

    /** A map node; empty for a null, and empty (reported) for a scalar or a list. */
    Optional<MappingNode> map(Node node, String path) {
        if (isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof MappingNode mapping) {
            budget.spend(mapping.getValue().size());
            return Optional.of(mapping);
        }
        problems.add(path, "must be a map, not " + Describe.node(node), node);
        return Optional.empty();
    }
}
