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
        List<Path> versions = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DEBIAN)) {
            entries.forEach(versions::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return versions.stream()
                .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                .sorted(Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString())).reversed())
                .map(v -> new PostgresBinaries(v.resolve("bin")))
                .filter(PostgresBinaries::complete)
                .findFirst();
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
