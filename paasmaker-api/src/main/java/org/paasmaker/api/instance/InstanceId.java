package org.paasmaker.api.instance;

import java.util.Objects;
import java.util.UUID;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** An instance's id: a UUID, as the original's instance ids were; safe in file names and URLs. */
public record InstanceId(String value) {

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (!isUuid(value)) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + value + "' is not an instance id");
        }
    }

    /**
     * Whether the text is a UUID in lower case, 8-4-4-4-12 hexadecimal digits; checked by hand rather than
     * with a pattern, as the store makes an id for every instance it reads, 20,000 a health round.
     */
    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static InstanceId random() {
        return new InstanceId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
