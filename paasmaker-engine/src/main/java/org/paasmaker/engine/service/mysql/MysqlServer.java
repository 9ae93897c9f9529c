package org.paasmaker.engine.service.mysql;

import org.paasmaker.engine.service.server.ServiceServer;

/** A MariaDB server the plugin creates databases and users on: its own (managed) or an operator's. */
interface MysqlServer extends ServiceServer {

    /** Runs the work as the server's admin, starting a managed server first if it does not run. */
    <T> T asAdmin(MariadbConnection.Work<T> work);

    /** The address applications are given. */
    String hostname();

    /** The port applications are given. */
    int port();
}
