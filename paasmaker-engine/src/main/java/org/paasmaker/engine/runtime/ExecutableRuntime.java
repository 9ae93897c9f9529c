package org.paasmaker.engine.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;

/**
 * A language whose installations are executables (python3, node): found on the node's {@code PATH}
 * and in version-manager directories (pyenv, nvm), each asked once for its version. The version's
 * directory goes first on the {@code PATH}.
 */
final class ExecutableRuntime implements Runtime {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");

    private final List<String> names;
    private final List<Path> managerRoots;
    private final String managerBinary;
    private final List<Path> alsoSearched;
    private volatile Map<String, Path> executables;

    /**
     * @param names executable names to look for on the PATH ({@code python3}, {@code python3.11})
     * @param managerRoots directories holding one installation per subdirectory
     * @param managerBinary the executable's path inside such a subdirectory ({@code bin/python3})
     */
    ExecutableRuntime(List<String> names, List<Path> managerRoots, String managerBinary) {
        this(names, managerRoots, managerBinary, List.of());
    }

    /** @param alsoSearched directories searched like the PATH's ({@code /usr/sbin}, which a user's PATH may lack) */
    ExecutableRuntime(List<String> names, List<Path> managerRoots, String managerBinary, List<Path> alsoSearched) {
        this.names = List.copyOf(names);
        this.managerRoots = List.copyOf(managerRoots);
        this.managerBinary = managerBinary;
        this.alsoSearched = List.copyOf(alsoSearched);
    }

    /** The version's executable, its links resolved. */
    Path executable(String version) {
        Path executable = executables().get(version);
        if (executable == null) {
            throw new IllegalArgumentException("no installation of version " + version + " on this node");
        }
        return executable;
    }

    @Override
    public List<String> versions() {
        return executables().keySet().stream().sorted(RuntimeVersions.NEWEST_FIRST).toList();
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        return SearchPath.prepend(base, executable(version).getParent().toString());
    }

    private Map<String, Path> executables() {
        Map<String, Path> found = executables;
        if (found == null) {
            found = discover();
            executables = found;
        }
        return found;
    }

    private Map<String, Path> discover() {
        List<Path> candidates = new ArrayList<>();
        for (Path root : managerRoots) {
            try (Stream<Path> list = Files.list(root)) {
                list.sorted().map(p -> p.resolve(managerBinary)).forEach(candidates::add);
            } catch (IOException e) {
                // No such version manager on this node.
            }
        }
        List<String> searched = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        alsoSearched.forEach(directory -> searched.add(directory.toString()));
        for (String directory : searched) {
            if (directory.isEmpty() || directory.contains("shims")) {
                continue; // version-manager shims pick a version by their own rules, not ours
            }
            names.forEach(name -> candidates.add(Path.of(directory, name)));
        }
        Map<String, Path> found = new LinkedHashMap<>();
        candidates.stream()
                .filter(Files::isExecutable)
                .map(ExecutableRuntime::realPath)
                .flatMap(Optional::stream)
                .distinct()
                .forEach(executable -> version(executable)
                        .ifPresent(v -> found.putIfAbsent(v, executable)));
        return Map.copyOf(found);
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> version(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = VERSION.matcher(new String(output, StandardCharsets.UTF_8));
            return process.exitValue() == 0 && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        return LaunchCommand.plan(request, environment(request.version(), request.environment()));
    }
}
