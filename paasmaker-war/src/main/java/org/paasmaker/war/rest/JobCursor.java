package org.paasmaker.war.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

/**
 * How far a client has followed a job tree: for each job, the last state it was told and how many
 * bytes of the job's log it has. It is the id of every event sent, so a client that reconnects with
 * {@code Last-Event-ID} resumes exactly where it stopped: job states only move forward and logs only
 * grow, so the cursor alone says what is new, and the log is read on from the offset. Form:
 * {@code <job id>:<state>:<log offset>}, comma-separated; a job it does not name has been told nothing.
 */
record JobCursor(Map<JobId, Seen> seen) {

    private static final Pattern ENTRY = Pattern.compile("([0-9a-f-]{36}):([A-Z]+):(\\d{1,12})");

    /** What the client has of one job; {@code state} is empty until it was told one. */
    record Seen(JobState state, long logOffset) {
    }

    static final JobCursor START = new JobCursor(Map.of());

    JobCursor {
        seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }

    Seen of(JobId job) {
        return seen.getOrDefault(job, new Seen(null, 0));
    }

    JobCursor with(JobId job, Seen now) {
        Map<JobId, Seen> next = new LinkedHashMap<>(seen);
        next.put(job, now);
        return new JobCursor(next);
    }

    String encode() {
        StringBuilder text = new StringBuilder();
        seen.forEach((job, s) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(job.value()).append(':').append(s.state() == null ? "NONE" : s.state().name())
                    .append(':').append(s.logOffset());
        });
        return text.toString();
    }

    /** A {@code Last-Event-ID} this server sent; anything else is a 400, since resuming from it would be a guess. */
    static JobCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        Map<JobId, Seen> seen = new LinkedHashMap<>();
        for (String part : text.strip().split(",")) {
            var match = ENTRY.matcher(part);
            if (!match.matches()) {
                throw badId(text);
            }
            JobState state;
            try {
                state = match.group(2).equals("NONE") ? null : JobState.valueOf(match.group(2));
            } catch (IllegalArgumentException e) {
                throw badId(text);
            }
            seen.put(new JobId(match.group(1)), new Seen(state, Long.parseLong(match.group(3))));
        }
        return new JobCursor(seen);
    }

    private static PaasmakerException badId(String text) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, "the Last-Event-ID '" + text
                + "' is not one this server sent; reconnect without it to follow the job from its start");
    }
}
