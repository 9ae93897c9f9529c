package org.paasmaker.engine.routing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The router's class path in the source tree the engine runs from, when it runs from one with no
 * router jar built: {@code mvn liberty:run} compiles the modules but packages none, and the engine
 * runs from {@code paasmaker-engine/target/classes}. Then the router runs from
 * {@code paasmaker-router/target/classes} and {@code paasmaker-api/target/classes} with its
 * libraries from the local Maven repository, as {@code router-classpath.properties} (filtered by that
 * same build) lists them.
 */
final class RouterBuildTree {

    static final String PROPERTIES = "META-INF/paasmaker/router-classpath.properties";
    private static final Path ENGINE_CLASSES = Path.of("paasmaker-engine", "target", "classes");

    private RouterBuildTree() {
    }

    /** The class path, when {@code anchor} was loaded from the engine's classes in a build tree that has the router's. */
    static Optional<String> classPath(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")) {
            return Optional.empty();
        }
        Path classes;
        try {
            classes = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Files.isDirectory(classes) || !classes.endsWith(ENGINE_CLASSES)) {
            return Optional.empty();
        }
        Path root = classes.getParent().getParent().getParent();
        Path routerClasses = root.resolve("paasmaker-router").resolve("target").resolve("classes");
        if (!Files.isRegularFile(routerClasses.resolve(PROPERTIES))) {
            return Optional.empty();
        }
        return Optional.of(classPath(routerClasses, root.resolve("paasmaker-api").resolve("target").resolve("classes")));
    }

    /** The router's classes, the api's, and each library the properties list, which must all be there. */
    static String classPath(Path routerClasses, Path apiClasses) {
        Path file = routerClasses.resolve(PROPERTIES);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Path repository = Path.of(properties.getProperty("repository", ""));
        List<String> entries = new ArrayList<>(List.of(routerClasses.toString(), apiClasses.toString()));
        for (String coordinates : properties.getProperty("artifacts", "").split(",")) {
            String[] parts = coordinates.strip().split(":");
            if (parts.length < 3) {
                throw new PaasmakerException(ErrorCode.START_FAILED, file + " lists '" + coordinates.strip()
                        + "', which is not groupId:artifactId:version[:classifier]");
            }
            Path jar = repository.resolve(parts[0].replace('.', '/')).resolve(parts[1]).resolve(parts[2])
                    .resolve(parts[1] + "-" + parts[2] + (parts.length > 3 ? "-" + parts[3] : "") + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the router needs " + jar + ", which "
                        + file + " lists but the local Maven repository lacks; build the router's jar (mvn package)"
                        + " or set " + RouterCode.JAR_VARIABLE);
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
