package org.paasmaker.war.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** {@code $PAASMAKER_HOME/token}: made on first start, readable by its owner only, kept across restarts. */
final class TokenFile {

    private static final int TOKEN_BYTES = 32;

    private TokenFile() {
    }

    static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try {
                // Created with its permissions, so it is never readable by others, not even for a moment.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, newToken() + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException e) {
                // Kept from an earlier start: clients that saved it keep working.
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new PaasmakerException(ErrorCode.INTERNAL, "the token file " + file
                        + " is empty; delete it to have a new token made, or set PAASMAKER_TOKEN");
            }
            return token;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read or create the token file " + file + ": "
                    + e.getMessage() + "; check the folder's permissions, or set PAASMAKER_TOKEN", e);
        }
    }

    private static String newToken() {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
