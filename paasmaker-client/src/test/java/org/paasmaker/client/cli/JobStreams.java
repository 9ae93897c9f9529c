package org.paasmaker.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.rest.JobAccepted;
import org.paasmaker.api.rest.JobJson;
import org.paasmaker.api.rest.JobLogLines;
import org.paasmaker.api.rest.JobStateChange;

/** Job trees and their event streams, as a test server sends them. */
final class JobStreams {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Instant AT = Instant.parse("2026-12-05T20:50:01Z");

    private final List<Map.Entry<String, String>> events = new ArrayList<>();

    static String json(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String accepted(String jobId) {
        return json(new JobAccepted(jobId, java.net.URI.create("http://localhost/api/v1/jobs/" + jobId),
                java.net.URI.create("http://localhost/api/v1/jobs/" + jobId + "/events")));
    }

    static JobJson job(String id, String parentId, String title, JobState state, String summary, JobJson... children) {
        return new JobJson(id, parentId, title, state, summary, Map.of(), "alice", AT, AT, state.finished() ? AT : null,
                List.of(children));
    }

    JobStreams state(String job, String parentId, String title, JobState state, String summary) {
        events.add(Map.entry("state", json(new JobStateChange(job, parentId, title, state, summary, "alice"))));
        return this;
    }

    JobStreams log(String job, String text) {
        events.add(Map.entry("log", json(new JobLogLines(job, text))));
        return this;
    }

    List<Map.Entry<String, String>> end(JobJson tree) {
        events.add(Map.entry("end", json(tree)));
        return List.copyOf(events);
    }

    /** A job of one child that runs and ends in {@code state}. */
    static List<Map.Entry<String, String>> simple(String id, String title, String childTitle, JobState state,
            String summary) {
        String child = id.substring(0, id.length() - 1) + "f";
        return new JobStreams().state(id, null, title, JobState.RUNNING, "")
                .state(child, id, childTitle, JobState.RUNNING, "")
                .state(child, id, childTitle, state, summary)
                .state(id, null, title, state, summary)
                .end(job(id, null, title, state, summary, job(child, id, childTitle, state, summary)));
    }
}
