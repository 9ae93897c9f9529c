package org.paasmaker.client;

import java.util.Objects;
import java.util.function.Consumer;
import org.paasmaker.api.rest.InstanceLogLines;

/** {@code /api/v1/instances/{id}}: an instance's log; list instances per version with {@link Versions#instances}. */
public final class Instances {

    private final Transport transport;
    private final Follows follows;

    Instances(Transport transport, Follows follows) {
        this.transport = transport;
        this.follows = follows;
    }

    /** {@code GET /instances/{id}/log?lines=n}: the last {@code lines} lines (1 to 10000) of its output. */
    public String log(String instanceId, int lines) {
        return transport.getText(Transport.query(Transport.path("instances", instanceId, "log"),
                Transport.parameters("lines", lines)));
    }

    /**
     * {@code GET /instances/{id}/log?lines=n} as {@code text/event-stream}: the last {@code lines} lines,
     * then each new one as it is written, to {@code consumer} on a thread of the client's until the
     * returned follow is closed. The first connection is made before this returns (so an unknown
     * instance or an unreachable server throws here); see {@link LogFollow} for what happens after.
     */
    public LogFollow followLog(String instanceId, int lines, Consumer<InstanceLogLines> consumer) {
        Objects.requireNonNull(consumer, "what to do with the log's lines");
        return follows.open(onClose -> new LogFollow(transport, instanceId, lines, consumer, onClose));
    }
}
