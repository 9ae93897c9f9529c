package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;

class JobCursorTest {

    private final JobId root = JobId.random();
    private final JobId child = JobId.random();

    @Test
    void anEncodedCursorDecodesToItself() {
        JobCursor cursor = JobCursor.START
                .with(root, new JobCursor.Seen(JobState.RUNNING, 12))
                .with(child, new JobCursor.Seen(null, 300));

        JobCursor decoded = JobCursor.decode(cursor.encode());

        assertThat(decoded).isEqualTo(cursor);
        assertThat(decoded.of(child)).isEqualTo(new JobCursor.Seen(null, 300));
        assertThat(decoded.of(JobId.random())).isEqualTo(new JobCursor.Seen(null, 0));
    }

    @Test
    void noLastEventIdStartsFromTheBeginning() {
        assertThat(JobCursor.decode(null)).isEqualTo(JobCursor.START);
        assertThat(JobCursor.decode(" ")).isEqualTo(JobCursor.START);
    }

    @Test
    void anIdThisServerDidNotSendIsRefused() {
        for (String bad : new String[] {"42", root + ":RUNNING", root + ":DANCING:3", root + ":RUNNING:-1"}) {
            assertThatThrownBy(() -> JobCursor.decode(bad)).isInstanceOf(PaasmakerException.class)
                    .satisfies(e -> assertThat(((PaasmakerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                    .hasMessageContaining("Last-Event-ID");
        }
    }
}
