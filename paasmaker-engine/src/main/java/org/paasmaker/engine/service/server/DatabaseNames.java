package org.paasmaker.engine.service.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Names and passwords of the databases and users (roles) the database plugins make. A name is the application's and the
 * service's names made safe (lowercase letters and digits, as the original's safe names) and a random
 * suffix, so a name reused after a delete never meets the old database; user and database share it.
 * Names are at most 51 characters: within PostgreSQL's 63 bytes and MariaDB's 64 for a database
 * (80 for a user).
 */
public final class DatabaseNames {

    /** What the plugins make, and all they will drop: PostgreSQL's 63-byte limit included. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final int PART = 20;
    private static final String SUFFIX_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 8;
    private static final int PASSWORD_BYTES = 24;

    private final SecureRandom random = new SecureRandom();

    /** {@code blog_db_k3x9a0qz} for the service {@code db} of the application {@code blog}. */
    public String name(String application, String service) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_LETTERS.charAt(random.nextInt(SUFFIX_LETTERS.length())));
        }
        String name = safe(application, "app") + "_" + safe(service, "db") + "_" + suffix;
        return Character.isLetter(name.charAt(0)) ? name : "s" + name;
    }

    /** 192 random bits, URL-safe Base64: 32 characters that need no quoting anywhere. */
    public String password() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The name as a quoted SQL identifier ({@code "name"}), after checking it is one the plugins make. */
    public static String quoted(String name) {
        return "\"" + check(name) + "\"";
    }

    /** The name as a MariaDB identifier ({@code `name`}), after checking it is one the plugins make. */
    public static String backquoted(String name) {
        return "`" + check(name) + "`";
    }

    public static String check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "'" + name + "' is not a database or user name that"
                    + " a Paasmaker database plugin makes; the service's credentials were changed by hand");
        }
        return name;
    }

    private static String safe(String text, String otherwise) {
        String safe = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        safe = safe.length() > PART ? safe.substring(0, PART) : safe;
        return safe.isEmpty() ? otherwise : safe;
    }
}
