package org.paasmaker.engine.pack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Follows symbolic links the way the kernel will, over the links one archive makes, to tell whether
 * a link leads outside the target directory. Looking at a link's own target text is not enough:
 * with {@code up -> .} the target {@code up/../etc} reads as inside but leads to the target's parent.
 */
final class SymlinkTargets {

    enum Destination { INSIDE, OUTSIDE, LOOP }

    /** Linux's MAXSYMLINKS: the kernel gives up after as many links in one lookup. */
    private static final int MAX_LINKS_FOLLOWED = 40;

    /** Link paths (normalized, relative to the target) to their targets as the archive gives them. */
    private final Map<String, String> links;

    SymlinkTargets(Map<String, String> links) {
        this.links = links;
    }

    Destination destination(String linkPath) {
        String target = links.get(linkPath);
        if (target.startsWith("/")) {
            return Destination.OUTSIDE;
        }
        List<String> resolved = new ArrayList<>(segments(EntryPath.parentOf(linkPath)));
        Deque<String> pending = new ArrayDeque<>(segments(target));
        int followed = 0;
        while (!pending.isEmpty()) {
            String segment = pending.removeFirst();
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    return Destination.OUTSIDE;
                }
                resolved.remove(resolved.size() - 1);
                continue;
            }
            resolved.add(segment);
            String next = links.get(String.join("/", resolved));
            if (next != null) {
                if (++followed > MAX_LINKS_FOLLOWED) {
                    return Destination.LOOP;
                }
                if (next.startsWith("/")) {
                    return Destination.OUTSIDE;
                }
                // The link's target replaces it, relative to the directory that holds the link.
                resolved.remove(resolved.size() - 1);
                List<String> expansion = segments(next);
                for (int i = expansion.size() - 1; i >= 0; i--) {
                    pending.addFirst(expansion.get(i));
                }
            }
        }
        return Destination.INSIDE;
    }

    private static List<String> segments(String path) {
        return path.isEmpty() ? List.of() : Arrays.asList(path.split("/"));
    }
}
