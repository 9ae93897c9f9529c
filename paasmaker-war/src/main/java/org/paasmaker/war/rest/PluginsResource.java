package org.paasmaker.war.rest;

import org.paasmaker.api.access.Permission;
import org.paasmaker.war.security.Requires;
import org.paasmaker.api.rest.PluginJson;
import org.paasmaker.api.rest.RuntimeJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.paasmaker.api.plugin.PluginRole;
import org.paasmaker.engine.Paasmaker;

/** {@code /api/v1/plugins} and {@code /api/v1/runtimes}: what this platform offers to manifests. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

    @Inject
    Paasmaker engine;

    @GET
    @Path("plugins")
    @Requires(Permission.SYSTEM_OVERVIEW)
    public List<PluginJson> plugins() {
        return Arrays.stream(PluginRole.values())
                .flatMap(role -> engine.plugins().plugins(role).stream())
                .map(PluginJson::of).toList();
    }

    /** Each runtime with the versions installed on this platform's node, as a manifest may ask for them. */
    @GET
    @Path("runtimes")
    @Requires(Permission.SYSTEM_OVERVIEW)
    public List<RuntimeJson> runtimes() {
        var versions = engine.nodes().runtimes();
        return engine.plugins().plugins(PluginRole.RUNTIME).stream()
                .map(runtime -> new RuntimeJson(PluginJson.of(runtime), versions.getOrDefault(runtime.name(), List.of())))
                .toList();
    }
}
