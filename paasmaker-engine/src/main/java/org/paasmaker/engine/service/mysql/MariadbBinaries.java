package org.paasmaker.engine.service.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Where mariadbd (or mysqld) and mariadb-install-db (or mysql_install_db) are: the folder the settings
 * name, else Debian's {@code /usr/sbin} and {@code /usr/bin}.
 */
record MariadbBinaries(Path server, Path installDb) {

    static final Path DEBIAN_SERVER = Path.of("/usr/sbin");
    static final Path DEBIAN_TOOLS = Path.of("/usr/bin");

    static MariadbBinaries find(Optional<Path> configured) {
        List<Path> folders = configured.map(c -> List.of(c, DEBIAN_TOOLS)).orElse(List.of(DEBIAN_SERVER, DEBIAN_TOOLS));
        Optional<Path> server = first(configured.map(List::of).orElse(folders), "mariadbd", "mysqld");
        Optional<Path> installDb = first(folders, "mariadb-install-db", "mysql_install_db");
        if (server.isEmpty() || installDb.isEmpty()) {
            throw new PaasmakerException(ErrorCode.START_FAILED, configured.map(c -> "binaries"
                    + " (PAASMAKER_SERVICE_MYSQL_BINARIES) is " + c + ", which has no executable mariadbd or mysqld"
                    + " (and mariadb-install-db there or in " + DEBIAN_TOOLS + ")").orElse("no MariaDB server is"
                    + " installed: " + DEBIAN_SERVER + " has no mariadbd or " + DEBIAN_TOOLS + " no mariadb-install-db;"
                    + " install Debian's mariadb-server package (apt-get install mariadb-server), or set binaries"
                    + " (PAASMAKER_SERVICE_MYSQL_BINARIES)"));
        }
        return new MariadbBinaries(server.get(), installDb.get());
    }

    /** The client programs exports and imports run. */
    record Clients(Path dump, Path client) {
    }

    /**
     * mariadb-dump (or mysqldump) and mariadb (or mysql): in the folder the settings name, else in
     * Debian's {@code /usr/bin} (mariadb-client).
     */
    static Clients clients(Optional<Path> configured) {
        List<Path> folders = configured.map(c -> List.of(c, DEBIAN_TOOLS)).orElse(List.of(DEBIAN_TOOLS));
        Optional<Path> dump = first(folders, "mariadb-dump", "mysqldump");
        Optional<Path> client = first(folders, "mariadb", "mysql");
        if (dump.isEmpty() || client.isEmpty()) {
            throw new PaasmakerException(ErrorCode.UNAVAILABLE, "mariadb-dump and mariadb are not installed in "
                    + folders.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" or "))
                    + "; install Debian's mariadb-client package, or set binaries (PAASMAKER_SERVICE_MYSQL_BINARIES)");
        }
        return new Clients(dump.get(), client.get());
    }

    private static Optional<Path> first(List<Path> folders, String... names) {
        for (Path folder : folders) {
            for (String name : names) {
                if (Files.isExecutable(folder.resolve(name))) {
                    return Optional.of(folder.resolve(name));
                }
            }
        }
        return Optional.empty();
    }
}
