package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * An import that replaces a database's data and, when the dump fails to load, puts the data back as
 * it was. Neither PostgreSQL's restore into a database emptied first nor MariaDB's (whose DDL commits
 * statement by statement) can be one transaction, so the data is first exported to a private file;
 * the database is then dropped and made again empty, the dump loaded, and on failure the database is
 * emptied again and the earlier data loaded back. Writes an application makes during the import are
 * lost when it fails.
 */
public final class SafeRestore {

    /** What a plugin does to its service's database. */
    public interface Steps {

        /** The database's data as it is, to a file. */
        ClientTool.Outcome export(Path to);

        /** The database dropped (its sessions ended) and made again, empty, with its owner and grants. */
        void empty();

        /** Loads a dump into the empty database. */
        ClientTool.Outcome load(Path dump);
    }

    private SafeRestore() {
    }

    /** Replaces the data of {@code service} (for messages: {@code the service 'db' of blog}) with the dump's. */
    public static void replace(String service, Steps steps, Path dump) {
        Path before = Temporary.file("paasmaker-before-import-", ".dump");
        try {
            ClientTool.Outcome saved = steps.export(before);
            if (!saved.succeeded()) {
                throw new PaasmakerException(ErrorCode.UNAVAILABLE, "cannot import into " + service + ": its data"
                        + " could not be saved first, so it was left alone; " + saved.said());
            }
            steps.empty();
            ClientTool.Outcome loaded = steps.load(dump);
            if (loaded.succeeded()) {
                return;
            }
            String failure = "the dump could not be imported into " + service + "; " + loaded.said();
            Optional<String> notBack = putBack(steps, before);
            if (notBack.isPresent()) {
                throw new PaasmakerException(ErrorCode.INTERNAL, failure + "\nPutting back its earlier data failed too,"
                        + " so the database may hold part of it; " + notBack.get() + "\nThe earlier data is kept in "
                        + keep(before) + " for an operator to load.");
            }
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, failure + "\nThe service's data is as it was"
                    + " before the import.");
        } finally {
            Temporary.delete(before);
        }
    }

    /** Empty when the earlier data is back; else why not. */
    private static Optional<String> putBack(Steps steps, Path before) {
        try {
            steps.empty();
            ClientTool.Outcome back = steps.load(before);
            return back.succeeded() ? Optional.empty() : Optional.of(back.said());
        } catch (PaasmakerException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A copy of the earlier data that outlives the import, for an operator to load by hand. */
    private static Path keep(Path before) {
        Path kept = Temporary.file("paasmaker-kept-before-import-", ".dump");
        try {
            Files.copy(before, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return before;
        }
        return kept;
    }
}
