package org.paasmaker.client.cli;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.ApplicationJson;
import org.paasmaker.client.PaasmakerClient;

/**
 * An application as a user names it: its id ({@code 3}), {@code WORKSPACE/NAME} ({@code dev/hello-python}),
 * or its name alone in the default workspace. Names are looked up in the workspace's applications.
 */
final class ApplicationRef {

    private static final Pattern ID = Pattern.compile("[1-9]\\d{0,17}");

    private ApplicationRef() {
    }

    /** The application's id. */
    static long resolve(String reference, PaasmakerClient client, Supplier<String> defaultWorkspace) {
        String text = reference.strip();
        if (ID.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        int slash = text.indexOf('/');
        String workspace = slash >= 0 ? text.substring(0, slash) : defaultWorkspace.get();
        String name = slash >= 0 ? text.substring(slash + 1) : text;
        if (workspace.isEmpty() || name.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + reference + "' names no application; give"
                    + " its id (3), WORKSPACE/NAME (dev/hello-python) or its name in the default workspace");
        }
        List<ApplicationJson> applications = client.workspaces().applications(workspace);
        return applications.stream().filter(application -> application.name().equals(name)).findFirst()
                .map(ApplicationJson::id)
                .orElseThrow(() -> new PaasmakerException(ErrorCode.NOT_FOUND, "No application '" + name
                        + "' exists in workspace '" + workspace + "'" + (applications.isEmpty() ? "; it has none."
                        : "; it has " + applications.stream().map(ApplicationJson::name).sorted()
                        .collect(Collectors.joining(", ")) + ".")));
    }
}
