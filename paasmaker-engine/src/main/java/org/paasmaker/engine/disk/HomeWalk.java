package org.paasmaker.engine.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.paasmaker.api.disk.DiskKind;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.engine.internal.EngineLayout;

/**
 * One walk of the home, never following links: every regular file's size, added to its kind by where
 * it lies, and to its instance or package for the applications' shares. A file that goes while the walk
 * passes is skipped (instances and jobs write and rotate all the time).
 */
final class HomeWalk {

    private static final String PACKAGE_SUFFIX = ".tar.gz";

    final Map<DiskKind, Long> bytes = new EnumMap<>(DiskKind.class);
    /** By instance id: bytes of its code, and of the rest of its directory (its logs). */
    final Map<String, Long> instanceCode = new HashMap<>();
    final Map<String, Long> instanceLogs = new HashMap<>();
    final Map<String, Long> packages = new HashMap<>();

    private final Path home;

    private HomeWalk(Path home) {
        this.home = home;
        for (DiskKind kind : DiskKind.values()) {
            bytes.put(kind, 0L);
        }
    }

    static HomeWalk of(EngineLayout layout) {
        HomeWalk walk = new HomeWalk(layout.home());
        if (!Files.isDirectory(layout.home())) {
            return walk;
        }
        try {
            Files.walkFileTree(layout.home(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        walk.add(walk.home.relativize(file), attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Gone since its directory was read, or not ours to read (a database server's files).
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot walk the platform's home " + layout.home() + ": "
                    + e.getMessage(), e);
        }
        return walk;
    }

    private void add(Path relative, long size) {
        String top = relative.getName(0).toString();
        DiskKind kind = switch (top) {
            case "packages" -> {
                String name = relative.getFileName().toString();
                if (relative.getNameCount() == 2 && name.endsWith(PACKAGE_SUFFIX)) {
                    packages.merge(name.substring(0, name.length() - PACKAGE_SUFFIX.length()), size, Long::sum);
                }
                yield DiskKind.PACKAGES;
            }
            case "instances" -> instanceFile(relative, size);
            case "jobs" -> DiskKind.JOBS;
            case "crons" -> DiskKind.LOGS;
            case "uploads" -> DiskKind.UPLOADS;
            case "work" -> DiskKind.WORK;
            case "plugins", "services" -> DiskKind.SERVICES;
            case "router" -> relative.getFileName().toString().contains(".log") ? DiskKind.LOGS : DiskKind.OTHER;
            default -> DiskKind.OTHER;
        };
        bytes.merge(kind, size, Long::sum);
    }

    private DiskKind instanceFile(Path relative, long size) {
        if (relative.getNameCount() < 3) {
            return DiskKind.OTHER;
        }
        String instance = relative.getName(1).toString();
        if (relative.getName(2).toString().equals("code")) {
            instanceCode.merge(instance, size, Long::sum);
            return DiskKind.INSTANCES;
        }
        instanceLogs.merge(instance, size, Long::sum);
        return DiskKind.LOGS;
    }
}
