package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated application manifest, format 1 (the original Paasmaker's). Every default is filled in;
 * every plugin named in it is offered by the catalog it was validated against.
 *
 * @param format always 1
 * @param text the manifest exactly as the user wrote it, kept with the version
 */
public record Manifest(
        int format, ApplicationSpec application, List<InstanceTypeSpec> instances, List<ServiceSpec> services,
        String text) {

    public Manifest {
        Objects.requireNonNull(application, "application");
        instances = List.copyOf(instances);
        services = List.copyOf(services);
        Objects.requireNonNull(text, "text");
    }

    public Optional<InstanceTypeSpec> instanceType(String name) {
        return instances.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
