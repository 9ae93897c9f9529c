package org.paasmaker.engine.routes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.engine.cluster.NodeToken;

/**
 * A controller that does not lead drains its leaving instances from the routers following the leader
 * too: it asks the controllers sharing its store ({@code PAASMAKER_CONTROLLERS}, their cluster
 * endpoints) in turn to drain them, and the leader does ({@link RouteDrainHandler}), answering once
 * its followers no longer route to them; the others answer 503. Without the setting it drains its
 * own routers only, as before.
 */
public final class LeaderDrains {

    public static final String VARIABLE = "PAASMAKER_CONTROLLERS";
    /** Below a controller's cluster endpoint. */
    public static final String PATH = "/cluster/v1/routes/drain";
    private static final Duration MORE_THAN_THE_LIMIT = Duration.ofSeconds(10);

    private final List<URI> controllers;
    private final NodeToken token;
    private final BooleanSupplier leads;
    private final Consumer<String> warnings;
    private final HttpClient http;

    public LeaderDrains(List<URI> controllers, NodeToken token, BooleanSupplier leads, Consumer<String> warnings) {
        this.controllers = List.copyOf(controllers);
        this.token = token;
        this.leads = leads;
        this.warnings = warnings;
        this.http = controllers.isEmpty() ? null : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The controllers {@value #VARIABLE} lists, comma-separated; none when it is unset. */
    public static List<URI> controllers(Map<String, String> environment) {
        String text = environment.getOrDefault(VARIABLE, "").strip();
        List<URI> controllers = new ArrayList<>();
        if (text.isEmpty()) {
            return controllers;
        }
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            try {
                URI uri = URI.create(part);
                if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
                    controllers.add(uri);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // Said below.
            }
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, VARIABLE + " lists the controllers' cluster"
                    + " endpoints, such as http://c1:8091,http://c2:8091; its entry " + (i + 1) + ", '" + part
                    + "', is not one");
        }
        return controllers;
    }

    /** Has the leader drain {@code leaving}, waiting at most about {@code limit}; nothing when this one leads. */
    void drain(Set<InstanceId> leaving, Duration limit) {
        if (controllers.isEmpty() || leaving.isEmpty() || leads.getAsBoolean()) {
            return;
        }
        String body = leaving.stream().map(InstanceId::value).sorted().collect(Collectors.joining("\n"));
        List<String> answers = new ArrayList<>();
        for (URI controller : controllers) {
            HttpRequest request = HttpRequest.newBuilder(controller.resolve(PATH))
                    .timeout(limit.plus(MORE_THAN_THE_LIMIT)).header("Authorization", token.header()).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 204) {
                    return;
                }
                answers.add(controller + " answered " + response.statusCode() + ": " + response.body().strip());
            } catch (IOException e) {
                answers.add(controller + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        warnings.accept("No leading controller drained " + leaving + " from the routers following it, so they stop"
                + " with what those routers still send them: " + String.join("; ", answers));
    }
}
