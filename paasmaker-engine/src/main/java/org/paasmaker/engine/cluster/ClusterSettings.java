package org.paasmaker.engine.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Where the controller's cluster endpoint listens, and the node token it asks of node agents; without
 * a token there is no endpoint (a controller on its own machine needs none).
 *
 * @param port 0 for any free one
 */
public record ClusterSettings(String address, int port, Optional<NodeToken> token) {

    public static final int DEFAULT_PORT = 8091;
    public static final String DEFAULT_ADDRESS = "0.0.0.0";

    public ClusterSettings {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the cluster port is 0 (any free one) to 65535,"
                    + " not " + port);
        }
        Objects.requireNonNull(token, "token");
    }

    /** No cluster endpoint. */
    public static ClusterSettings none() {
        return new ClusterSettings(DEFAULT_ADDRESS, DEFAULT_PORT, Optional.empty());
    }

    /**
     * {@code PAASMAKER_CLUSTER_ADDRESS} (default every address), {@code PAASMAKER_CLUSTER_PORT} (8091),
     * and the token: {@code PAASMAKER_NODE_TOKEN}, else the file {@code node-token} in the home if there is one.
     */
    public static ClusterSettings from(Path home, Map<String, String> environment) {
        String address = value(environment, "PAASMAKER_CLUSTER_ADDRESS").orElse(DEFAULT_ADDRESS);
        int port = value(environment, "PAASMAKER_CLUSTER_PORT").map(text -> {
            if (!text.matches("\\d{1,5}")) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "PAASMAKER_CLUSTER_PORT is '" + text
                        + "'; give a port number, such as " + DEFAULT_PORT);
            }
            return Integer.parseInt(text);
        }).orElse(DEFAULT_PORT);
        Optional<NodeToken> token = value(environment, "PAASMAKER_NODE_TOKEN")
                .map(value -> new NodeToken(value, "PAASMAKER_NODE_TOKEN"))
                .or(() -> NodeToken.readIfPresent(home.resolve(NodeToken.FILE)));
        return new ClusterSettings(address, port, token);
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }
}
