package org.paasmaker.api.disk;

import java.util.Arrays;
import java.util.Locale;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** What the platform's bytes under its home are for. */
public enum DiskKind {
    /** Packed, prepared code, one file per package. */
    PACKAGES,
    /** The instances' unpacked copies of the code. */
    INSTANCES,
    /** Instance output, the router's and the crons' logs. */
    LOGS,
    /** The data of services: managed database servers, filesystem services. */
    SERVICES,
    /** Job logs and job tree records. */
    JOBS,
    /** Archives uploaded for prepares that are still running. */
    UPLOADS,
    /** Working copies of prepares in progress. */
    WORK,
    /** The rest: records, the token, the router's and plugins' own files. */
    OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DiskKind fromWire(String wireName) {
        return Arrays.stream(values()).filter(kind -> kind.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + wireName
                        + "' is not a kind of disk use; the kinds are " + Arrays.stream(values())
                                .map(DiskKind::wireName).toList()));
    }
}
