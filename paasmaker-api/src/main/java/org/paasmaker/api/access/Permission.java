package org.paasmaker.api.access;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The original Paasmaker's 26 permissions, with its names. A role is a set of them, granted to a user
 * globally or in one workspace; the wire name is the enum's name.
 */
public enum Permission {
    USER_LIST,
    USER_EDIT,
    ROLE_LIST,
    ROLE_EDIT,
    ROLE_ASSIGN,
    WORKSPACE_EDIT,
    WORKSPACE_LIST,
    WORKSPACE_VIEW,
    WORKSPACE_DELETE,
    JOB_ABORT,
    FILE_UPLOAD,
    APPLICATION_CREATE,
    APPLICATION_DEPLOY,
    APPLICATION_DELETE,
    APPLICATION_ROUTING,
    SERVICE_VIEW,
    SERVICE_CREDENTIAL_VIEW,
    SERVICE_EXPORT,
    SERVICE_IMPORT,
    SERVICE_TUNNEL,
    APPLICATION_VIEW_MANIFEST,
    NODE_LIST,
    NODE_DETAIL_VIEW,
    SYSTEM_ADMINISTRATION,
    SYSTEM_OVERVIEW,
    HEALTH_CHECK;

    /** The permission of that name; an {@code INVALID_REQUEST} naming the value and the known names otherwise. */
    public static Permission fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new PaasmakerException(ErrorCode.INVALID_REQUEST, "unknown permission '" + name
                        + "'; the permissions are " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
