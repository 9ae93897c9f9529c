package org.paasmaker.engine.service.mysql;

/** A MariaDB server the plugin creates databases and users on: its own (managed) or an operator's. */
interface MysqlServer extends AutoCloseable {

    /** Runs the work as the server's admin, starting a managed server first if it does not run. */
    <T> T asAdmin(MariadbConnection.Work<T> work);

    /** The address applications are given. */
    String hostname();

    /** The port applications are given. */
    int port();

    /** Restarts a managed server that died; nothing for an external one. */
    void maintain();

    /** Closes the admin connection; a managed server runs on, for the next engine to adopt. */
    @Override
    void close();
}
