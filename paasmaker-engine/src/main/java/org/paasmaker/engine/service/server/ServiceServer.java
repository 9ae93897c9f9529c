package org.paasmaker.engine.service.server;

/** What a database service plugin works on: its managed server(s), or an operator's. */
public interface ServiceServer extends AutoCloseable {

    /** Starts again a managed server that died; nothing for an external one. */
    void maintain();

    /** Releases what the plugin holds (an admin connection); a managed server runs on, for the next engine. */
    @Override
    void close();
}
