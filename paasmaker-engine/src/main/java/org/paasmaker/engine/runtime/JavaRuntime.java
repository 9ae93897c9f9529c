package org.paasmaker.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;
import org.paasmaker.api.runtime.Runtime;

/**
 * The JDKs installed on this node, found in JDK directories (each with {@code bin/java} and a
 * {@code release} file naming its version) under the given roots, plus the JDK running the engine.
 */
final class JavaRuntime implements Runtime {

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

    private final List<Path> roots;
    private final Path engineJavaHome;
    private volatile Map<String, Path> homes;

    JavaRuntime(List<Path> roots, Path engineJavaHome) {
        this.roots = List.copyOf(roots);
        this.engineJavaHome = engineJavaHome;
    }

    @Override
    public List<String> versions() {
        return homes().keySet().stream().sorted(RuntimeVersions.NEWEST_FIRST).toList();
    }

    @Override
    public Map<String, String> environment(String version, Map<String, String> base) {
        Path home = homes().get(version);
        if (home == null) {
            throw new IllegalArgumentException("no JDK " + version + " on this node");
        }
        Map<String, String> environment = SearchPath.prepend(base, home.resolve("bin").toString());
        environment.put("JAVA_HOME", home.toString());
        return environment;
    }

    private Map<String, Path> homes() {
        Map<String, Path> found = homes;
        if (found == null) {
            found = discover();
            homes = found;
        }
        return found;
    }

    private Map<String, Path> discover() {
        Map<String, Path> found = new LinkedHashMap<>();
        Stream.concat(Stream.of(engineJavaHome), roots.stream().flatMap(JavaRuntime::children))
                .map(JavaRuntime::realPath)
                .flatMap(Optional::stream)
                .distinct()
                .forEach(home -> version(home).ifPresent(v -> found.putIfAbsent(v, home)));
        return Map.copyOf(found);
    }

    private static Stream<Path> children(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> version(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/javac"))) {
            return Optional.empty();
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public LaunchPlan launchPlan(LaunchRequest request) {
        return LaunchCommand.plan(request, environment(request.version(), request.environment()));
    }
}
