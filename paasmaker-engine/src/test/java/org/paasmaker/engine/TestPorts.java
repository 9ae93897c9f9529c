package org.paasmaker.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.paasmaker.engine.service.server.ServerFiles;

/** The engine tests' free ports: the engine's own pick, unchecked so that a field can be given one. */
public final class TestPorts {

    private TestPorts() {
    }

    /** A port free on 127.0.0.1 now ({@link ServerFiles#freePort()}). */
    public static int free() {
        try {
            return ServerFiles.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
