package org.paasmaker.engine.routing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The class data sharing archive of the router's jar: the classes a router loads to give its first
 * answers, parsed and laid out once, mapped by the next launches instead of read from the jar (the
 * router's start from launch to its first answer takes about half the CPU with it).
 *
 * <p>Its name holds the Java runtime's version and the jar's checksum, so an archive of another jar
 * or another Java is never given to {@code java}; launches ask for it with {@code -Xshare:auto}, so
 * one the JVM still refuses is ignored, and never stops a router. It is made by a training run of
 * the router ({@code --cds-training} under {@code -XX:ArchiveClassesAtExit}) into a file of its own,
 * moved into place only when whole.
 */
final class RouterArchive {

    static final String TRAINING_OPTION = "--cds-training";
    private static final String PREFIX = "paasmaker-router-";
    private static final String SUFFIX = ".jsa";
    private static final long TRAINING_LIMIT_SECONDS = 120;
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final Path jar;
    private final Path file;

    private RouterArchive(Path jar, Path file) {
        this.jar = jar;
        this.file = file;
    }

    /** The archive for {@code jar}, in {@code directory}. */
    static RouterArchive of(RouterJar jar, Path directory) {
        String runtime = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_");
        return new RouterArchive(jar.file(), directory.resolve(PREFIX + jar.checksum() + "-java" + runtime + SUFFIX));
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The options of {@code java} that map the archive; none until it exists. */
    List<String> options() {
        return exists() ? List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + file, "-Xlog:cds*=off") : List.of();
    }

    /**
     * Runs the training: {@code java} with the router's options, then the dump's, then the jar; the
     * training router gets a home of its own, a free port and no HTTPS. Removes the archives of other
     * jars and runtimes from the directory once this one is in place.
     *
     * @param java the {@code java} to run (the router's)
     * @param jvmOptions the router's JVM options, so that the archive is made as it will be used
     * @param environment the router's environment
     * @throws IOException saying what went wrong; nothing half-written is left
     */
    void make(String java, List<String> jvmOptions, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path directory = Files.createDirectories(file.getParent());
        Path home = Files.createTempDirectory(directory, "cds-training");
        Path partial = directory.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        Path output = home.resolve("training.log");
        Process process = null;
        try {
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(NICE)) {
                // Behind everything else: the training follows a router's first start, often the server's too.
                command.addAll(List.of(NICE.toString(), "-n", "19"));
            }
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-Xshare:auto", "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds*=off"));
            command.addAll(List.of("-jar", jar.toString(), "--home", home.toString(), "--port", "0", "--https-port", "-1",
                    "--bind=127.0.0.1", TRAINING_OPTION));
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
            if (!process.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the training run did not end within " + TRAINING_LIMIT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IOException("the training run ended with exit code " + process.exitValue() + " and "
                        + (Files.isRegularFile(partial) ? Files.size(partial) + " bytes of archive" : "no archive")
                        + "; it said: " + tail(output));
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOthers();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(partial);
            delete(home);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }

    private void removeOthers() throws IOException {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(file.getParent(), PREFIX + "*" + SUFFIX)) {
            for (Path archive : archives) {
                if (!archive.equals(file)) {
                    Files.deleteIfExists(archive);
                }
            }
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.isRegularFile(output) ? Files.readAllLines(output) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
