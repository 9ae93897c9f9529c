package org.paasmaker.war.store;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Revisions on a real PostgreSQL. */
@ExtendWith(SharedPostgres.class)
class JpaRevisionsPostgresTest extends RevisionsContract {

    private PostgresDatabase database;

    @Override
    protected EntityManagerFactory openFactory() {
        database = SharedPostgres.newDatabase();
        return database.openFactory();
    }

    @AfterEach
    void closeStore() {
        database.close();
    }
}
