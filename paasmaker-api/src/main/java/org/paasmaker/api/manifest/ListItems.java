package org.paasmaker.api.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads every item of a manifest list at its path, {@code startup[0]}, {@code startup[1]}, ... */
final class ListItems {

    private ListItems() {
    }

    /** The items that could be read; what is wrong with the others has been reported. */
    static <T> List<T> readAll(List<Node> items, String path, ItemReader<T> reader) {
        List<T> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            reader.read(items.get(i), path + "[" + i + "]").ifPresent(values::add);
        }
        return values;
    }

    /** Reads one list item at its path. */
    @FunctionalInterface
    interface ItemReader<T> {
        Optional<T> read(Node node, String path);
    }
}
