package org.paasmaker.environment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The environment as flat configuration properties, named as {@code package-info} lists them. Kept
 * apart from {@link PaasmakerConfigSource} so that it needs no MicroProfile Config to test or use.
 */
final class ConfigProperties {

    static final String PREFIX = "paasmaker.";

    private ConfigProperties() {
    }

    static Map<String, String> of(PaasmakerEnvironment environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        Metadata metadata = environment.metadata();
        properties.put(PREFIX + "application.name", metadata.applicationName());
        metadata.applicationId().ifPresent(id -> properties.put(PREFIX + "application.id", Long.toString(id)));
        properties.put(PREFIX + "version.number", Integer.toString(metadata.versionNumber()));
        metadata.versionId().ifPresent(id -> properties.put(PREFIX + "version.id", Long.toString(id)));
        properties.put(PREFIX + "workspace.name", metadata.workspaceName());
        properties.put(PREFIX + "workspace.stub", metadata.workspaceStub());
        flatten(PREFIX + "workspace.tags", metadata.workspaceTags(), properties);
        flatten(PREFIX + "node.tags", metadata.nodeTags(), properties);
        environment.port().ifPresent(port -> properties.put(PREFIX + "port", Integer.toString(port)));
        for (Service service : environment.services().values()) {
            String prefix = PREFIX + "services." + service.name();
            flatten(prefix, service.parameters(), properties);
            // A parameter of that name, should a provider give one, wins over the derived value.
            derived(service, true).ifPresent(url -> properties.putIfAbsent(prefix + ".jdbc-url", url));
            derived(service, false).ifPresent(uri -> properties.putIfAbsent(prefix + ".connection-uri", uri));
        }
        return Collections.unmodifiableMap(properties);
    }

    /**
     * The JDBC URL or connection URI when the service has one. A service without (a filesystem, or a
     * database lacking its host) just offers no such property: configuration asks for what it needs,
     * and MicroProfile Config names a property it lacks.
     */
    private static Optional<String> derived(Service service, boolean jdbc) {
        try {
            return Optional.of(jdbc ? service.jdbcUrl() : service.connectionUri());
        } catch (EnvironmentException noUrl) {
            return Optional.empty();
        }
    }

    /**
     * A map's entries under {@code name.key}; a list of scalars as one value, comma-separated with its
     * commas escaped as MicroProfile Config's arrays want; a list of anything else by index
     * ({@code name[0].key}). A null, an empty map and an empty list offer nothing: MicroProfile Config
     * treats an empty value as missing.
     */
    private static void flatten(String name, Object value, Map<String, String> properties) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(name + "." + key, child, properties));
        } else if (value instanceof List<?> list) {
            if (list.stream().allMatch(element -> element != null && Values.isScalar(element))) {
                if (!list.isEmpty()) {
                    properties.put(name, list.stream().map(element -> element.toString().replace(",", "\\,"))
                            .collect(Collectors.joining(",")));
                }
            } else {
                for (int i = 0; i < list.size(); i++) {
                    flatten(name + "[" + i + "]", list.get(i), properties);
                }
            }
        } else if (value != null) {
            properties.put(name, value.toString());
        }
    }
}
