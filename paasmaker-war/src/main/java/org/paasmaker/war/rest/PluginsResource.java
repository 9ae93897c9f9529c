package org.paasmaker.war.rest;

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
    public List<PluginJson> plugins() {
        return Arrays.stream(PluginRole.values())
                .flatMap(role -> engine.plugins().plugins(role).stream())
                .map(PluginJson::of).toList();
    }

    @GET
    @Path("runtimes")
    public List<PluginJson> runtimes() {
        return engine.plugins().plugins(PluginRole.RUNTIME).stream().map(PluginJson::of).toList();
    }
}
