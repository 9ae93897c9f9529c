package org.paasmaker.api.instance;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** An instance's id: a UUID, as the original's instance ids were; safe in file names and URLs. */
public record InstanceId(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + value + "' is not an instance id");
        }
    }

    public static InstanceId random() {
        return new InstanceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
