package org.paasmaker.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the engine logs during a test (every record of the root logger, with its exception), for a test
 * that checks what must never show there, such as a password:
 * {@code @RegisterExtension final EngineLog engineLog = new EngineLog();}.
 */
public final class EngineLog extends Handler implements BeforeEachCallback, AfterEachCallback {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getMessage() + " " + record.getThrown());
    }

    /** The records so far, a line each. */
    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
