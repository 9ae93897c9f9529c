package org.paasmaker.war.store;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Revisions on embedded Derby. */
class JpaRevisionsTest extends RevisionsContract {

    @TempDir
    Path directory;

    private EmbeddedDerby derby;

    @Override
    protected EntityManagerFactory openFactory() {
        derby = new EmbeddedDerby(directory);
        return derby.openFactory();
    }

    @AfterEach
    void shutDown() {
        derby.close();
    }
}
