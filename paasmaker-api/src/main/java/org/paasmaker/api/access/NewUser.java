package org.paasmaker.api.access;

import java.util.Objects;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** What a user is created from; the password arrives already hashed, so no store ever sees it in clear. */
public record NewUser(String name, String email, PasswordHash password) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,62}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public NewUser {
        Objects.requireNonNull(password, "password");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the user name '" + name + "' is not valid: use 1 to 63"
                    + " lower-case letters, digits and . _ @ -, starting with a letter or a digit");
        }
        if (name.equals(Actor.operator().name())) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the user name '" + name + "' is reserved for the"
                    + " holder of the server's token, as the audit trail names it; choose another");
        }
        if (name.equals(Actor.PLATFORM)) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the user name '" + name + "' is reserved for the"
                    + " platform, as the jobs it starts by itself name it; choose another");
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the e-mail address '" + email + "' of user '"
                    + name + "' is not valid: give one like name@example.org");
        }
    }
}
