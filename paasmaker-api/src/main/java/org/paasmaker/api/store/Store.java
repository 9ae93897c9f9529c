package org.paasmaker.api.store;

/**
 * Where the platform keeps its records. The engine ships an in-memory store; the server keeps them
 * in a database. Both pass the same conformance tests, so the engine cannot tell them apart.
 */
public interface Store {

    WorkspaceRepository workspaces();

    ApplicationRepository applications();

    VersionRepository versions();

    ServiceRepository services();

    InstanceRepository instances();
}
