package org.paasmaker.engine.store;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.store.Store;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;

/**
 * The engine's one way to change a stored instance or version: read it, apply the change, write it over
 * the revision read; when another writer (a second controller, the health round beside a launch) came
 * between, read it again and apply the change to what is stored now, so neither change is lost. The
 * change sees the record as it is now: it returns it unchanged where it no longer applies (nothing is
 * written then), or throws to say why.
 */
public final class StoredRecords {

    /** Writers racing on one record settle in a round or two; more conflicts than this go up to the caller. */
    static final int ATTEMPTS = 5;

    private StoredRecords() {
    }

    /** The instance as changed and stored; CONFLICT when it changed under the change {@link #ATTEMPTS} times. */
    public static Instance change(Store store, InstanceId id, UnaryOperator<Instance> change) {
        return change(() -> store.instances().get(id), change, store.instances()::update);
    }

    /** The version as changed and stored; CONFLICT when it changed under the change {@link #ATTEMPTS} times. */
    public static ApplicationVersion change(Store store, VersionId id, UnaryOperator<ApplicationVersion> change) {
        return change(() -> store.versions().get(id), change, store.versions()::update);
    }

    private static <T> T change(Supplier<T> read, UnaryOperator<T> change, UnaryOperator<T> write) {
        for (int attempt = 1; ; attempt++) {
            T stored = read.get();
            T changed = change.apply(stored);
            if (changed.equals(stored)) {
                return stored;
            }
            try {
                return write.apply(changed);
            } catch (PaasmakerException e) {
                if (e.code() != ErrorCode.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
