package org.paasmaker.environment;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Paasmaker tells an application about itself: its metadata ({@code PM_METADATA}), its services
 * ({@code PM_SERVICES}) and the port to listen on ({@code PM_PORT}), parsed once and fixed.
 *
 * <pre>{@code
 * PaasmakerEnvironment env = PaasmakerEnvironment.fromSystem(List.of(Path.of("paasmaker-local.yml")));
 * HttpServer server = HttpServer.create(new InetSocketAddress(env.port().orElse(8080)), 0);
 * String jdbcUrl = env.service("db").jdbcUrl();
 * String stage = env.workspaceTag("STAGE").orElse("development");
 * }</pre>
 *
 * <p>As the original's interfaces did, it reads the variables only when both {@code PM_METADATA} and
 * {@code PM_SERVICES} are set. Otherwise it reads the first fallback file of the list that exists,
 * which lets the same code run outside Paasmaker; the file has the original's YAML layout:
 *
 * <pre>{@code
 * application: {name: test, version: 1, workspace: Test, workspace_stub: test}
 * services: {parameters: {foo: bar}}
 * workspace: {}
 * node: {}
 * port: 9002
 * }</pre>
 *
 * A file without {@code port} gives port {@value #DEFAULT_FILE_PORT}. Every failure, from a variable
 * missing to a malformed value, is an {@link EnvironmentException} naming the variable or file and,
 * for malformed JSON or YAML, the position.
 */
public final class PaasmakerEnvironment {

    /** The variable holding the application, version, workspace and tags, as JSON. */
    public static final String METADATA_VARIABLE = EnvironmentLoader.METADATA;
    /** The variable holding every service by name with its credentials, as JSON. */
    public static final String SERVICES_VARIABLE = EnvironmentLoader.SERVICES;
    /** The variable holding the instance's port; a standalone instance has none. */
    public static final String PORT_VARIABLE = EnvironmentLoader.PORT;
    /** The port of a fallback file that names none, as in the original. */
    public static final int DEFAULT_FILE_PORT = EnvironmentLoader.DEFAULT_FILE_PORT;

    private final Metadata metadata;
    private final Map<String, Service> services;
    private final OptionalInt port;
    private final Optional<Path> fallbackFile;

    PaasmakerEnvironment(Metadata metadata, Map<String, Service> services, OptionalInt port, Optional<Path> fallbackFile) {
        this.metadata = metadata;
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        this.port = port;
        this.fallbackFile = fallbackFile;
    }

    /**
     * This process's environment, without fallback files.
     *
     * @throws EnvironmentException when a variable is missing or malformed
     */
    public static PaasmakerEnvironment fromSystem() {
        return from(System.getenv());
    }

    /**
     * This process's environment, or the first of the files that exists when {@code PM_METADATA} and
     * {@code PM_SERVICES} are not both set.
     *
     * @throws EnvironmentException when neither the variables nor a file is there, or one is malformed
     */
    public static PaasmakerEnvironment fromSystem(List<Path> fallbackFiles) {
        return from(System.getenv(), fallbackFiles);
    }

    /**
     * The given variables, without fallback files: what tests use instead of the process's environment.
     *
     * @throws EnvironmentException when a variable is missing or malformed
     */
    public static PaasmakerEnvironment from(Map<String, String> variables) {
        return from(variables, List.of());
    }

    /**
     * The given variables, or the first of the files that exists when {@code PM_METADATA} and
     * {@code PM_SERVICES} are not both among them.
     *
     * @throws EnvironmentException when neither the variables nor a file is there, or one is malformed
     */
    public static PaasmakerEnvironment from(Map<String, String> variables, List<Path> fallbackFiles) {
        return EnvironmentLoader.load(Objects.requireNonNull(variables, "variables"),
                List.copyOf(Objects.requireNonNull(fallbackFiles, "fallbackFiles")));
    }

    public Metadata metadata() {
        return metadata;
    }

    /**
     * A workspace tag as text, such as the {@code RAILS_ENV} or {@code SYMFONY_ENV} the original's Ruby
     * and PHP interfaces read to tell staging from production.
     *
     * @throws EnvironmentException when the tag is a map or a list (read those from {@link #metadata()})
     */
    public Optional<String> workspaceTag(String name) {
        return Values.text(metadata.workspaceTags().get(name), () -> "the workspace tag '" + name + "'");
    }

    /**
     * A tag of the node the instance runs on, as text.
     *
     * @throws EnvironmentException when the tag is a map or a list (read those from {@link #metadata()})
     */
    public Optional<String> nodeTag(String name) {
        return Values.text(metadata.nodeTags().get(name), () -> "the node tag '" + name + "'");
    }

    /** The port to listen on; empty for a standalone instance, which Paasmaker gives none. */
    public OptionalInt port() {
        return port;
    }

    /** Every service by name, in the variable's order. */
    public Map<String, Service> services() {
        return services;
    }

    /**
     * @throws EnvironmentException naming the services there are, when there is none of that name
     */
    public Service service(String name) {
        return findService(name).orElseThrow(() -> new EnvironmentException("no service named '" + name + "' in "
                + source() + "; " + (services.isEmpty() ? "there are no services: does the manifest's services"
                + " section name it?" : "the services are: " + String.join(", ", services.keySet()))));
    }

    public Optional<Service> findService(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** The fallback file the values came from; empty when they came from the variables. */
    public Optional<Path> fallbackFile() {
        return fallbackFile;
    }

    private String source() {
        return fallbackFile.map(file -> "the fallback file " + file).orElse(SERVICES_VARIABLE);
    }

    /** No parameters: the services' credentials do not belong in logs. */
    @Override
    public String toString() {
        return "PaasmakerEnvironment[application " + metadata.applicationName() + ", version "
                + metadata.versionNumber() + ", workspace " + metadata.workspaceStub() + ", port "
                + (port.isPresent() ? Integer.toString(port.getAsInt()) : "none") + ", services " + services.keySet()
                + ", from " + fallbackFile.map(Path::toString).orElse("PM_*") + "]";
    }
}
