package org.paasmaker.engine.service.server;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.paasmaker.api.plugin.PluginParameters;

/**
 * What one kind of managed service brings to {@link ServiceDeploys}' scenario: the application that
 * counts its hits in it, where its server keeps its records and log, and how a test sees its data gone.
 *
 * @param kind the server's folder in the engine's home ({@code services/<kind>})
 * @param plugin the plugin's name, in the manifest and in the engine's settings
 * @param service the service's name in the manifest
 * @param keys the credentials' keys, sorted, as the application sees them in PM_SERVICES
 * @param protocol the credentials' {@code protocol}
 * @param command the client the application runs, a Python list over {@code db} (its credentials) that
 *     adds a hit and prints the count last
 * @param passwordVariable the environment variable that gives that client the password
 * @param recordKey the server's process record in {@code services/<kind>/process}, for its credentials
 * @param serverLog the server's log in {@code services/<kind>}, for the credentials of the service on it
 * @param readyLine a line the server logs when it is ready, so the log read is the server's
 * @param gone asserts that the deleted service's data can no longer be reached
 */
public record CountingService(String kind, String plugin, String service, List<String> keys, String protocol,
        String command, String passwordVariable, Function<PluginParameters, String> recordKey,
        Function<PluginParameters, Path> serverLog, String readyLine, Check gone) {

    /** A check on the credentials of a service. */
    @FunctionalInterface
    public interface Check {
        void accept(PluginParameters credentials) throws Exception;
    }
}
