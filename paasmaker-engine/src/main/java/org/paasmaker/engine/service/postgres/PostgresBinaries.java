package org.paasmaker.engine.service.postgres;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** Where initdb and postgres are: the folder the settings name, else the newest of Debian's. */
record PostgresBinaries(Path directory) {

    static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    static PostgresBinaries find(Optional<Path> configured) {
        if (configured.isPresent()) {
            PostgresBinaries given = new PostgresBinaries(configured.get());
            if (!given.complete()) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "binaries (PAASMAKER_SERVICE_POSTGRES_BINARIES) is "
                        + configured.get() + ", which has no executable initdb and postgres");
            }
            return given;
        }
        return newestDebian().orElseThrow(() -> new PaasmakerException(ErrorCode.START_FAILED, "no PostgreSQL server is"
                + " installed: " + DEBIAN + "/*/bin has no initdb and postgres; install Debian's postgresql package"
                + " (apt-get install postgresql), or set binaries (PAASMAKER_SERVICE_POSTGRES_BINARIES)"));
    }

    /** The newest {@code /usr/lib/postgresql/<major>/bin} with initdb and postgres. */
    static Optional<PostgresBinaries> newestDebian() {
        return debian().stream().filter(PostgresBinaries::complete).findFirst();
    }

    /** Each {@code /usr/lib/postgresql/<major>/bin}, the newest first. */
    private static List<PostgresBinaries> debian() {
        List<Path> versions = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DEBIAN)) {
            entries.forEach(versions::add);
        } catch (IOException e) {
            return List.of();
        }
        return versions.stream()
                .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                .sorted(Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString())).reversed())
                .map(v -> new PostgresBinaries(v.resolve("bin")))
                .toList();
    }

    /**
     * Where pg_dump and pg_restore are, for exports and imports on a managed or an operator's server:
     * the folder the settings name, else the newest of Debian's that has them (postgresql-client).
     */
    static PostgresBinaries clients(Optional<Path> configured) {
        List<PostgresBinaries> candidates = new ArrayList<>();
        configured.map(PostgresBinaries::new).ifPresent(candidates::add);
        if (configured.isEmpty()) {
            candidates.addAll(debian());
        }
        return candidates.stream().filter(b -> Files.isExecutable(b.pgDump()) && Files.isExecutable(b.pgRestore()))
                .findFirst().orElseThrow(() -> new PaasmakerException(ErrorCode.UNAVAILABLE, configured.map(c ->
                        "binaries (PAASMAKER_SERVICE_POSTGRES_BINARIES) is " + c + ", which has no executable pg_dump and"
                        + " pg_restore").orElse("pg_dump and pg_restore are not installed: " + DEBIAN + "/*/bin has"
                        + " none; install Debian's postgresql-client package, or set binaries"
                        + " (PAASMAKER_SERVICE_POSTGRES_BINARIES)")));
    }

    Path pgDump() {
        return directory.resolve("pg_dump");
    }

    Path pgRestore() {
        return directory.resolve("pg_restore");
    }

    Path initdb() {
        return directory.resolve("initdb");
    }

    Path postgres() {
        return directory.resolve("postgres");
    }

    private boolean complete() {
        return Files.isExecutable(initdb()) && Files.isExecutable(postgres());
    }
}
