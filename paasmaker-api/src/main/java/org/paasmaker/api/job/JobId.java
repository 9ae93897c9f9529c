package org.paasmaker.api.job;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** A job's id: a UUID, safe to use in file names and URLs. */
public record JobId(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public JobId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + value + "' is not a job id");
        }
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
