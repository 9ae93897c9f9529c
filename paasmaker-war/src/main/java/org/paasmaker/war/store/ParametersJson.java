package org.paasmaker.war.store;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * Parameters (tags, sources, service parameters and credentials) in a text column, in the engine's
 * own JSON form for them, so the file store and the database keep every value with its Java type.
 */
final class ParametersJson {

    private ParametersJson() {
    }

    /** The parameters as JSON; an {@code INVALID_REQUEST} error naming {@code where} for a value no column can keep. */
    static String write(PluginParameters parameters, String where) {
        return org.paasmaker.engine.store.ParametersJson.write(parameters, where);
    }

    /** The parameters in {@code json}; an {@code INTERNAL} error naming {@code where} when the column holds something else. */
    static PluginParameters read(String json, String where) {
        try {
            return org.paasmaker.engine.store.ParametersJson.read(json, where);
        } catch (IllegalArgumentException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "the database holds unreadable parameters for " + where
                    + " (" + e.getMessage() + "); correct or delete that record", e);
        }
    }
}
