package org.paasmaker.api.store;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The rule every store applies to an update of a record that carries a revision: the write names the
 * revision it read, and succeeds only while that is still the stored one, so two writers (two controllers,
 * or the health round and a launch in one) cannot silently lose each other's change.
 */
public final class Revisions {

    private Revisions() {
    }

    /**
     * Nothing when the revision read is the one stored; otherwise the {@code CONFLICT} that asks the writer
     * to read the record again.
     *
     * @param record what the record is, for the message ({@code instance 6f1c...})
     */
    public static void require(String record, long read, long stored) {
        if (read != stored) {
            throw new PaasmakerException(ErrorCode.CONFLICT, record + " changed since it was read (revision " + read
                    + ", now " + stored + "); read it again and repeat the change");
        }
    }
}
