package org.paasmaker.api.plugin;

import java.nio.file.Path;
import java.time.Clock;

/** What the engine gives a plugin when it creates it. */
public interface PluginContext {

    /** A directory of the plugin's own under the platform's data directory; it exists. */
    Path dataDirectory();

    Clock clock();
}
