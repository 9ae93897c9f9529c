package org.paasmaker.engine.routing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Where the router process's code comes from, as the arguments of {@code java} that run it: the
 * router module's self-contained jar ({@code -jar}), or a class path that holds it (the build's own
 * tests, which have the router's classes but no jar yet).
 *
 * <p>By default it is the jar the engine carries as the resource {@value #RESOURCE} (the engine's
 * build puts it there; inside Liberty it sits in the WAR, whose {@code wsjar:} locations
 * {@code java} cannot read), copied out into the router's {@code lib/} unless the copy there is
 * that jar already ({@link RouterJarCopy}); {@value #JAR_VARIABLE} names another. An engine that runs from a build tree with no jar in it
 * ({@code mvn liberty:run} compiles, but packages nothing) runs the router from the tree's classes
 * ({@link RouterBuildTree}).
 */
public final class RouterCode {

    public static final String RESOURCE = "META-INF/paasmaker/paasmaker-router.jar";
    public static final String JAR_VARIABLE = "PAASMAKER_ROUTER_JAR";
    /** For running from a build tree: a class path holding the router's classes and libraries. */
    public static final String CLASS_PATH_VARIABLE = "PAASMAKER_ROUTER_CLASSPATH";
    static final String MAIN_CLASS = "org.paasmaker.router.RouterMain";

    private final String description;
    private final Function<Path, Arguments> arguments;

    private RouterCode(String description, Function<Path, Arguments> arguments) {
        this.description = description;
        this.arguments = arguments;
    }

    /** The router's jar at this path. */
    public static RouterCode jar(Path jar) {
        Path absolute = jar.toAbsolutePath();
        return new RouterCode(absolute.toString(), lib -> {
            if (!Files.isRegularFile(absolute)) {
                throw new PaasmakerException(ErrorCode.START_FAILED, "the router's jar " + absolute + " ("
                        + JAR_VARIABLE + ") is not there; build it (mvn package) or name another");
            }
            return Arguments.jar(absolute, RouterJar.read(absolute));
        });
    }

    /** The router's main class from this class path. */
    public static RouterCode classPath(String classPath) {
        return new RouterCode("class path " + classPath, lib -> Arguments.classPath(classPath));
    }

    /** The jar the engine carries, copied out under the router's {@code lib/} when it is launched. */
    public static RouterCode bundled() {
        return bundled(RouterCode.class.getClassLoader());
    }

    static RouterCode bundled(ClassLoader loader) {
        return new RouterCode("the engine's " + RESOURCE, lib -> copyBundled(loader, lib));
    }

    /** {@value #JAR_VARIABLE}, else {@value #CLASS_PATH_VARIABLE}, else {@link #bundled()}. */
    public static RouterCode from(Map<String, String> environment) {
        String jar = environment.get(JAR_VARIABLE);
        if (jar != null && !jar.isBlank()) {
            return jar(Path.of(jar.strip()));
        }
        String classPath = environment.get(CLASS_PATH_VARIABLE);
        if (classPath != null && !classPath.isBlank()) {
            return classPath(classPath.strip());
        }
        return bundled();
    }

    /** The arguments of {@code java} that run the router; copies go to {@code libDirectory}. */
    Arguments javaArguments(Path libDirectory) {
        return arguments.apply(libDirectory);
    }

    @Override
    public String toString() {
        return description;
    }

    private static Arguments copyBundled(ClassLoader loader, Path libDirectory) {
        URL resource = loader.getResource(RESOURCE);
        if (resource == null) {
            return RouterBuildTree.classPath(RouterCode.class).map(Arguments::classPath)
                    .orElseThrow(() -> new PaasmakerException(ErrorCode.START_FAILED, "this engine carries no router"
                            + " jar (" + RESOURCE + " is not on its class path); build it with mvn package, or set "
                            + JAR_VARIABLE + " to paasmaker-router/target/paasmaker-router.jar"));
        }
        try (InputStream in = resource.openStream()) {
            RouterJar copy = RouterJarCopy.in(libDirectory, in.readAllBytes());
            return Arguments.jar(copy.file(), Optional.of(copy));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.START_FAILED, "cannot copy the router's jar " + resource + " to "
                    + libDirectory.resolve(RouterJarCopy.FILE) + ": " + e.getMessage()
                    + "; check the folder's permissions and free space", e);
        }
    }

    /**
     * The arguments of {@code java} that run the router, and the jar they run with its checksum: none for a
     * class path (of directories, which cannot be archived), nor for a jar that cannot be read.
     */
    record Arguments(List<String> java, Optional<RouterJar> jar) {

        Arguments {
            java = List.copyOf(java);
        }

        static Arguments jar(Path file, Optional<RouterJar> jar) {
            return new Arguments(List.of("-jar", file.toString()), jar);
        }

        static Arguments classPath(String classPath) {
            return new Arguments(List.of("-cp", classPath, MAIN_CLASS), Optional.empty());
        }
    }
}
