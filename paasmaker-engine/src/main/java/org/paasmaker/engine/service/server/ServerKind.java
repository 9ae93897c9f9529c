package org.paasmaker.engine.service.server;

import org.paasmaker.api.plugin.PluginSettings;

/**
 * Which database server a shared helper works for, so that its messages name the server, the plugin,
 * the package that installs it and the plugin's settings.
 *
 * @param label the server's name in sentences: {@code PostgreSQL}, {@code MariaDB}
 * @param plugin the plugin's name: {@code paasmaker.service.postgres}
 * @param debianPackage the Debian package with the server: {@code postgresql}
 */
public record ServerKind(String label, String plugin, String debianPackage) {

    public static final ServerKind POSTGRES = new ServerKind("PostgreSQL", "paasmaker.service.postgres", "postgresql");
    public static final ServerKind MARIADB = new ServerKind("MariaDB", "paasmaker.service.mysql", "mariadb-server");
    public static final ServerKind REDIS = new ServerKind("Redis", "paasmaker.service.managedredis", "redis-server");

    /** {@code PAASMAKER_SERVICE_POSTGRES_SYSTEM_USER} for {@code system_user}. */
    public String variable(String setting) {
        return PluginSettings.variable(plugin, setting);
    }

    /** {@code system_user (PAASMAKER_SERVICE_POSTGRES_SYSTEM_USER)}. */
    public String setting(String setting) {
        return setting + " (" + variable(setting) + ")";
    }
}
