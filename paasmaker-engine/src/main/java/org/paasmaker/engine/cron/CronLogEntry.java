package org.paasmaker.engine.cron;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One line of a cron's log: what happened to one slot (or, for a long downtime, to a run of missed
 * slots), written as one JSON object so that control characters in a body never break a line.
 *
 * @param time when the runner handled the slot
 */
record CronLogEntry(Instant time, Instant slot, CronJob job, CronOutcome outcome, OptionalInt status,
        OptionalLong durationMillis, Optional<String> body, Optional<String> reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    CronLogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(durationMillis, "durationMillis");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(reason, "reason");
    }

    static CronLogEntry called(Instant time, Instant slot, CronJob job, CallResult result) {
        return new CronLogEntry(time, slot, job, result.failure().isEmpty() ? CronOutcome.OK : CronOutcome.FAILED,
                result.status(), OptionalLong.of(result.durationMillis()), Optional.of(result.bodyStart()),
                result.failure());
    }

    static CronLogEntry notCalled(Instant time, Instant slot, CronJob job, CronOutcome outcome, String reason) {
        return new CronLogEntry(time, slot, job, outcome, OptionalInt.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.of(reason));
    }

    String toJson() {
        ObjectNode line = JSON.createObjectNode()
                .put("time", time.toString())
                .put("slot", slot.toString())
                .put("cron", job.key())
                .put("uri", job.spec().uri())
                .put("outcome", outcome.wireName());
        status.ifPresent(value -> line.put("status", value));
        durationMillis.ifPresent(value -> line.put("duration_ms", value));
        body.ifPresent(value -> line.put("body", value));
        reason.ifPresent(value -> line.put("reason", value));
        return line.toString();
    }
}
