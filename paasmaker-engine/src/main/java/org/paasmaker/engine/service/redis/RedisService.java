package org.paasmaker.engine.service.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.Service;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceRequest;
import org.paasmaker.engine.service.server.DatabaseNames;

/**
 * A redis-server per application service. Credentials are the original's:
 * {@code name, protocol: redis, hostname, port, password}.
 */
final class RedisService implements Service {

    static final String PROTOCOL = "redis";

    private final RedisServers servers;
    private final DatabaseNames names = new DatabaseNames();

    RedisService(RedisServers servers) {
        this.servers = servers;
    }

    /** A new server; or, for a service that has one, the same (started again, or made again if it is gone). */
    @Override
    public PluginParameters provision(ServiceRequest request, Optional<PluginParameters> existing) {
        RedisServers.Server server = existing.isPresent()
                ? servers.ensure(DatabaseNames.check(existing.get().string("name")),
                        (int) existing.get().integer("port"), existing.get().string("password"))
                : servers.create(names.name(request.applicationName(), request.serviceName()), names.password());
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("name", server.name());
        credentials.put("protocol", PROTOCOL);
        credentials.put("hostname", servers.hostname());
        credentials.put("port", server.port());
        credentials.put("password", server.password());
        return PluginParameters.of(credentials);
    }

    /** Its RDB file, as {@link RedisDumps} says. */
    @Override
    public Optional<ServiceDumps> dumps() {
        return Optional.of(new RedisDumps(servers));
    }

    /** Stops the service's server and deletes its data. */
    @Override
    public void remove(ServiceRequest request, PluginParameters credentials) {
        credentials.findString("name").map(DatabaseNames::check).ifPresent(servers::remove);
    }
}
