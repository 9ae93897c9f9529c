package org.paasmaker.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.store.Store;

class FileStoreTest extends StoreContract {

    @TempDir
    Path directory;

    @Override
    protected Store newStore() {
        return FileStore.open(directory.resolve("store.json"));
    }

    @AfterEach
    void closeStore() {
        ((FileStore) store).close();
    }
}
