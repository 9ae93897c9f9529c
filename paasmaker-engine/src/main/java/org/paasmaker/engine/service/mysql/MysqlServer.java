package org.paasmaker.engine.service.mysql;

import org.paasmaker.engine.service.server.ServiceServer;

/** A MariaDB server the plugin creates databases and users on: its own (managed) or an operator's. */
interface MysqlServer extends ServiceServer {

    /** Runs the work as the server's admin, starting a managed server first if it does not run. */
    <T> T asAdmin(MariadbConnection.Work<T> work);

    /** The address applications are given. */
    String hostname();

    /** The port applications are given, and the platform reaches the server on. */
    int port();

    /** The address the platform reaches the server at: 127.0.0.1 when managed, the setting host when external. */
    String host();

    /** mariadb-dump and mariadb, for exports and imports. */
    MariadbBinaries.Clients clients();
}
