package org.paasmaker.engine.job;

import java.util.Optional;
import java.util.function.Supplier;
import org.paasmaker.api.access.Actor;

/**
 * Who the trees created on each thread are started by: the actor whose verb the thread runs, the
 * starter of the tree whose work it runs, or else the platform ({@link Actor#PLATFORM}).
 */
final class TreeStarters {

    /** Unset on the engine's own threads. */
    private final ThreadLocal<String> starter = new ThreadLocal<>();

    /** Runs {@code verb} on this thread, the trees it creates started by {@code name}. */
    <T> T as(String name, Supplier<T> verb) {
        String before = enter(name);
        try {
            return verb.get();
        } finally {
            restore(before);
        }
    }

    /** The root's action, the trees its work creates (a deploy stopping the version it replaced) started by the same actor. */
    JobManager.RootAction asItsStarter(JobManager.RootAction action) {
        return root -> {
            String before = enter(root.startedBy().orElse(Actor.PLATFORM));
            try {
                action.run(root);
            } finally {
                restore(before);
            }
        };
    }

    /** Who a tree created on this thread now is started by. */
    String current() {
        return Optional.ofNullable(starter.get()).orElse(Actor.PLATFORM);
    }

    /** Makes {@code name} this thread's starter; the one before, for {@link #restore}. */
    private String enter(String name) {
        String before = starter.get();
        starter.set(name);
        return before;
    }

    private void restore(String before) {
        if (before == null) {
            starter.remove();
        } else {
            starter.set(before);
        }
    }
}
