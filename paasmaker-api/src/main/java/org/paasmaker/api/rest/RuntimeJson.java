package org.paasmaker.api.rest;

import java.util.List;

/** A runtime plugin and the versions of it installed on the platform's nodes, as a manifest may ask for them. */
public record RuntimeJson(PluginJson plugin, List<String> versions) {
}
