package org.paasmaker.environment;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The Paasmaker environment as MicroProfile Config properties ({@code paasmaker.application.name},
 * {@code paasmaker.port}, {@code paasmaker.services.db.jdbc-url}...; {@code package-info} lists them
 * all), so that an application on Liberty or any MicroProfile runtime can
 * {@code @Inject @ConfigProperty(name = "paasmaker.services.db.jdbc-url")} or write
 * {@code ${paasmaker.port}} in its server configuration.
 *
 * <p>Registered in {@code META-INF/services}, it is created only by a MicroProfile Config
 * implementation, so an application without one never loads this class or needs the API. That
 * instance reads {@code System.getenv()}, and the fallback files that the system property
 * {@value #FILES_PROPERTY} lists (separated by {@link File#pathSeparator}). With neither the
 * variables nor a file it offers nothing rather than failing, since an application may run outside
 * Paasmaker; a malformed variable or file, or only one of {@code PM_METADATA} and {@code PM_SERVICES},
 * still fails, naming what is wrong.
 *
 * <p>Its ordinal is {@value #ORDINAL}: above an application's {@code microprofile-config.properties}
 * (100), so the platform's values replace the defaults it packs, and below environment variables
 * (300) and system properties (400), so an operator can still override one.
 */
public final class PaasmakerConfigSource implements ConfigSource {

    public static final int ORDINAL = 250;
    /** The system property listing fallback files, for the instance that ServiceLoader creates. */
    public static final String FILES_PROPERTY = "paasmaker.environment.files";

    private final String name;
    private final Map<String, String> properties;

    /** What ServiceLoader calls: this process's environment, with the files of {@value #FILES_PROPERTY}. */
    public PaasmakerConfigSource() {
        this(System.getenv(), files(System.getProperty(FILES_PROPERTY, "")));
    }

    /** An environment read already, for a source registered by hand ({@code ConfigBuilder.withSources}). */
    public PaasmakerConfigSource(PaasmakerEnvironment environment) {
        this(Optional.of(environment));
    }

    PaasmakerConfigSource(Map<String, String> variables, List<Path> fallbackFiles) {
        this(EnvironmentLoader.find(variables, fallbackFiles));
    }

    private PaasmakerConfigSource(Optional<PaasmakerEnvironment> environment) {
        this.name = "PaasmakerEnvironment (" + environment
                .map(found -> found.fallbackFile().map(file -> "fallback file " + file)
                        .orElse("PM_METADATA, PM_SERVICES, PM_PORT"))
                .orElse("empty: no PM_* variables and no fallback file") + ")";
        this.properties = environment.map(ConfigProperties::of).orElse(Map.of());
    }

    static List<Path> files(String property) {
        return Arrays.stream(property.split(File.pathSeparator)).map(String::strip).filter(entry -> !entry.isEmpty())
                .map(Path::of).toList();
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    /** {@code null} for a name it does not offer: the ConfigSource contract asks for that. */
    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
