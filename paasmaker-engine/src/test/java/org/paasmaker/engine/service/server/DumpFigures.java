package org.paasmaker.engine.service.server;

import static org.paasmaker.engine.service.server.ServerFigures.median;
import static org.paasmaker.engine.service.server.ServerFigures.millis;
import static org.paasmaker.engine.service.server.ServerFigures.nanos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ServiceDumps;
import org.paasmaker.api.service.ServiceRequest;

/** An export and an import of one service, {@code rounds} times, printed: the dumps' figures of docs/benchmarks.md. */
public final class DumpFigures {

    private DumpFigures() {
    }

    /** Prints {@code dump <kind> (<what>): export ..., import ...}; returns the dump's size in bytes. */
    public static long print(String kind, String what, ServiceDumps dumps, ServiceRequest request,
            PluginParameters credentials, Path directory, int rounds) throws IOException {
        Path dump = directory.resolve("figures" + dumps.format().extension());
        List<Long> exports = new ArrayList<>();
        List<Long> imports = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            exports.add(nanos(() -> {
                try (OutputStream out = Files.newOutputStream(dump)) {
                    dumps.export(request, credentials, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            imports.add(nanos(() -> dumps.restore(request, credentials, dump)));
        }
        long size = Files.size(dump);
        System.out.printf("dump %s (%s): export median %d ms, max %d ms (%.1f MB); import median %d ms, max %d ms"
                + " (%d rounds)%n", kind, what, millis(median(exports)), millis(exports.stream().max(Long::compare)
                .orElseThrow()), size / 1e6, millis(median(imports)), millis(imports.stream().max(Long::compare)
                .orElseThrow()), rounds);
        return size;
    }
}
