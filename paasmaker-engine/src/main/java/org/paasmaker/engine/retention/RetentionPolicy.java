package org.paasmaker.engine.retention;

import java.time.Duration;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.EnvironmentNumbers;

/**
 * How much of the past each application keeps: its current version and the {@code versions} newest of
 * the others, with their packages, so that a rollback is one make-current away; and the {@code jobs}
 * newest of its finished job trees, none older than {@code jobAge}.
 */
public record RetentionPolicy(int versions, int jobs, Duration jobAge) {

    public static final RetentionPolicy DEFAULT = new RetentionPolicy(5, 100, Duration.ofDays(30));
    public static final String VERSIONS_VARIABLE = "PAASMAKER_KEEP_VERSIONS";
    public static final String JOBS_VARIABLE = "PAASMAKER_KEEP_JOBS";
    public static final String JOB_DAYS_VARIABLE = "PAASMAKER_KEEP_JOB_DAYS";

    public RetentionPolicy {
        if (versions < 0) {
            throw new IllegalArgumentException("an application keeps 0 or more versions besides its current one: "
                    + versions);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("an application keeps at least its newest job tree: " + jobs);
        }
        if (jobAge.isNegative() || jobAge.isZero()) {
            throw new IllegalArgumentException("job trees are kept for a positive time: " + jobAge);
        }
    }

    /** This policy with another number of versions kept. */
    public static RetentionPolicy versions(int versions) {
        return new RetentionPolicy(versions, DEFAULT.jobs, DEFAULT.jobAge);
    }

    /**
     * The policy {@value #VERSIONS_VARIABLE}, {@value #JOBS_VARIABLE} and {@value #JOB_DAYS_VARIABLE}
     * set, each defaulting to {@link #DEFAULT}'s.
     */
    public static RetentionPolicy from(Map<String, String> environment) {
        int versions = EnvironmentNumbers.number(environment, VERSIONS_VARIABLE, DEFAULT.versions,
                "how many versions each application keeps besides its current one (0 or more), such as 5");
        int jobs = EnvironmentNumbers.number(environment, JOBS_VARIABLE, DEFAULT.jobs,
                "how many finished job trees each application keeps (1 or more), such as 100");
        int days = EnvironmentNumbers.number(environment, JOB_DAYS_VARIABLE, (int) DEFAULT.jobAge.toDays(),
                "for how many days finished job trees are kept (1 or more), such as 30");
        try {
            return new RetentionPolicy(versions, jobs, Duration.ofDays(days));
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the retention settings " + VERSIONS_VARIABLE + "="
                    + versions + ", " + JOBS_VARIABLE + "=" + jobs + " and " + JOB_DAYS_VARIABLE + "=" + days
                    + " do not hold: " + e.getMessage(), e);
        }
    }
}
