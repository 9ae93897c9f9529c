package org.paasmaker.api.workspace;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;

/** A request to create a workspace; it checks its name and stub itself. */
public record NewWorkspace(String name, String stub, PluginParameters tags) {

    private static final Pattern STUB = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public NewWorkspace {
        Objects.requireNonNull(tags, "tags");
        if (name == null || name.isBlank()) {
            throw invalid("name", "a workspace needs a name");
        }
        if (stub == null || !STUB.matcher(stub).matches()) {
            throw invalid("stub", "'" + stub + "' is not a valid stub: use 1 to 63 lowercase letters, digits"
                    + " and hyphens, not starting or ending with a hyphen (it becomes part of hostnames)");
        }
    }

    public NewWorkspace(String name, String stub) {
        this(name, stub, PluginParameters.empty());
    }

    public static NewWorkspace of(String name, String stub, Map<String, ?> tags) {
        return new NewWorkspace(name, stub, PluginParameters.of(tags));
    }

    private static PaasmakerException invalid(String field, String message) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, message,
                java.util.List.of(new FieldError(field, message)), null);
    }
}
