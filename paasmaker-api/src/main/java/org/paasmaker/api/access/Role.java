package org.paasmaker.api.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** A named set of permissions; the built-in ones are {@link BuiltinRoles}, operators may define more. */
public record Role(String name, Set<Permission> permissions) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _-]{0,62}");

    public Role {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the role name '" + name + "' is not valid: use 1 to 63"
                    + " letters, digits, spaces, _ and -, starting with a letter");
        }
        Objects.requireNonNull(permissions, "permissions");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean builtIn() {
        return BuiltinRoles.find(name).isPresent();
    }
}
