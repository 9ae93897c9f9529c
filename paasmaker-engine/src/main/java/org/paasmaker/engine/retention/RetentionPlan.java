package org.paasmaker.engine.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;

/**
 * Which of an application's versions retention deletes, and why each of the others stays. The current
 * version stays, and so do versions a user keeps; of the rest, the {@code keep} newest stay (a user's
 * marks do not use up those places). Older ones go only when nothing of them runs: a version with an
 * active instance, one still RUNNING, or one still being prepared (NEW) is never touched.
 */
final class RetentionPlan {

    /** One version and what becomes of it. */
    record Decision(ApplicationVersion version, boolean delete, String reason) {
    }

    private RetentionPlan() {
    }

    static List<Decision> decide(List<ApplicationVersion> versions, Set<VersionId> withActiveInstances, int keep) {
        List<ApplicationVersion> newestFirst = new ArrayList<>(versions);
        newestFirst.sort(Comparator.comparingInt(ApplicationVersion::number).reversed());
        List<Decision> decisions = new ArrayList<>();
        int others = 0;
        for (ApplicationVersion version : newestFirst) {
            if (version.current()) {
                decisions.add(new Decision(version, false, "it is current"));
            } else if (version.kept()) {
                decisions.add(new Decision(version, false, "a user keeps it"));
            } else if (others++ < keep) {
                decisions.add(new Decision(version, false, "it is one of the last " + keep));
            } else if (withActiveInstances.contains(version.id()) || version.state() == VersionState.RUNNING) {
                decisions.add(new Decision(version, false, "it runs"));
            } else if (version.state() == VersionState.NEW) {
                decisions.add(new Decision(version, false, "it is being prepared"));
            } else {
                decisions.add(new Decision(version, true, "older than the last " + keep + " and stopped"));
            }
        }
        return decisions;
    }
}
