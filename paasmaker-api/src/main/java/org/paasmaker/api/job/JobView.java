package org.paasmaker.api.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A job and its children as they stand at one moment.
 *
 * @param summary why it failed or was aborted, in words a user can act on; empty while it runs or
 *     when it succeeded without anything to say
 * @param tags what the job is about, such as {@code application_id} and {@code version_id}
 * @param startedBy the name of whoever started the tree (children carry their root's): a user, the
 *     operator, or the platform itself; empty for jobs recorded before engines kept it
 */
public record JobView(
        JobId id, Optional<JobId> parentId, String title, JobState state, String summary, Map<String, String> tags,
        Optional<String> startedBy, Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
        List<JobView> children) {

    public JobView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(summary, "summary");
        tags = Map.copyOf(tags);
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        children = List.copyOf(children);
    }

    /** Visits this job and every descendant, parents before children. */
    public void walk(Consumer<JobView> visitor) {
        visitor.accept(this);
        children.forEach(child -> child.walk(visitor));
    }

    /** The tree as indented lines, {@code "Prepare hello: SUCCESS"}, for logs and the command line. */
    public String render() {
        StringBuilder text = new StringBuilder();
        render(text, 0);
        return text.toString();
    }

    private void render(StringBuilder text, int depth) {
        text.append("  ".repeat(depth)).append(title).append(": ").append(state);
        if (!summary.isEmpty()) {
            text.append(" (").append(summary).append(')');
        }
        text.append(System.lineSeparator());
        children.forEach(child -> child.render(text, depth + 1));
    }
}
