package org.paasmaker.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.instance.PortRange;
import org.paasmaker.engine.agent.AgentSettings;
import org.paasmaker.engine.agent.NodeAgent;
import org.paasmaker.engine.node.NodeRegistry;
import org.paasmaker.engine.packages.PackageStore;

/**
 * The controller's cluster endpoint: the node token is asked of every call and a wrong one is refused
 * saying where it is set, an agent with a wrong token does not start and says why, reports from a node
 * the controller does not know are answered "register again", packages come by checksum, and other
 * handlers can be mounted behind the same token.
 */
class ClusterServerTest {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final NodeToken token = new NodeToken("right-token", "PAASMAKER_NODE_TOKEN");
    private NodeRegistry nodes;
    private PackageStore packages;
    private ClusterServer controller;

    @BeforeEach
    void startController() {
        nodes = new NodeRegistry(List.of());
        packages = new PackageStore(temp.resolve("packages"));
        controller = ClusterServer.start("127.0.0.1", 0, token, nodes, packages, Clock.systemUTC(), line -> { });
    }

    @AfterEach
    void stopController() {
        controller.close();
    }

    @Test
    void aCallWithoutTheRightTokenIsAProblemSayingTheTokenIsWrongAndWhereItIsSet() throws Exception {
        for (String authorization : new String[] {"Bearer wrong-token", "Bearer right-token-but-longer", null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("nodes"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"unauthorized\"")
                    .contains("the node token is wrong or missing").contains("PAASMAKER_NODE_TOKEN");
        }
        assertThat(nodes.all()).isEmpty();
    }

    @Test
    void anAgentWithAWrongTokenIsRefusedAndSaysWhy() {
        List<String> log = new CopyOnWriteArrayList<>();
        AgentSettings settings = agent(new NodeToken("wrong-token", "/etc/paasmaker/node-token"));

        assertThatThrownBy(() -> NodeAgent.start(settings, log::add))
                .isInstanceOfSatisfying(PaasmakerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("the node token is wrong", "PAASMAKER_NODE_TOKEN");
                });
        assertThat(log).anyMatch(line -> line.contains("refused this agent") && line.contains("node token is wrong"));
        assertThat(nodes.all()).isEmpty();
    }

    @Test
    void anAgentWithTheRightTokenIsRegisteredAndItsReportsAreKept() {
        try (NodeAgent agent = NodeAgent.start(agent(token), line -> { })) {
            assertThat(nodes.knows("edge")).isTrue();
            assertThat(nodes.node("edge")).isInstanceOf(HttpNode.class);
            assertThat(nodes.profile("edge").address()).isEqualTo("127.0.0.2");
            assertThat(nodes.profile("edge").tags()).isEqualTo(Map.of("zone", "b"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> nodes.lastReport("edge").isPresent());
            assertThat(nodes.lastReport("edge").get().running()).isEmpty();
        }
    }

    @Test
    void anAgentServesItsNodeVerbsToTheNodeTokenAlone() throws Exception {
        try (NodeAgent agent = NodeAgent.start(agent(token), line -> { })) {
            URI instances = agent.url().resolve(HttpNode.PATH + "instances");

            HttpResponse<String> without = http.send(HttpRequest.newBuilder(instances).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> with = http.send(HttpRequest.newBuilder(instances)
                    .header("Authorization", token.header()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.body()).contains("the node token is wrong or missing: node agent edge has its token from"
                    + " PAASMAKER_NODE_TOKEN");
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(with.body()).isEqualTo("{\"instances\":[]}");
        }
    }

    @Test
    void aReportFromANodeTheControllerDoesNotKnowIsToldToRegisterAgain() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("nodes/stranger/report"))
                .header("Authorization", token.header())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"running\": [], \"time\": \"2026-12-06T02:00:00Z\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("node stranger is not registered with this controller; register again");
    }

    @Test
    void aPackageComesByItsChecksumAndAnUnknownOneIsNotFound() throws Exception {
        String checksum = packages.store(out -> out.write("package bytes".getBytes()));

        HttpResponse<byte[]> known = http.send(HttpRequest.newBuilder(uri("packages/" + checksum))
                .header("Authorization", token.header()).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri("packages/" + "1".repeat(64)))
                .header("Authorization", token.header()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(new String(known.body())).isEqualTo("package bytes");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"type\":\"not-found\"");
    }

    @Test
    void aMountedHandlerIsServedBehindTheNodeToken() throws Exception {
        controller.mount("/cluster/v1/routes", exchange -> {
            byte[] body = "routes".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        HttpResponse<String> with = http.send(HttpRequest.newBuilder(uri("routes"))
                .header("Authorization", token.header()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> without = http.send(HttpRequest.newBuilder(uri("routes")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(with.body()).isEqualTo("routes");
        assertThat(without.statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenComesFromTheEnvironmentElseFromTheHomesFileElseThereIsNoEndpoint() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        assertThat(ClusterSettings.from(home, Map.of()).token()).isEmpty();

        Files.writeString(home.resolve(NodeToken.FILE), "from-file\n");
        ClusterSettings fromFile = ClusterSettings.from(home, Map.of("PAASMAKER_CLUSTER_PORT", "9191"));
        assertThat(fromFile.token().get().authorizes("Bearer from-file")).isTrue();
        assertThat(fromFile.token().get().origin()).isEqualTo(home.resolve(NodeToken.FILE).toString());
        assertThat(fromFile.port()).isEqualTo(9191);

        ClusterSettings fromVariable = ClusterSettings.from(home, Map.of("PAASMAKER_NODE_TOKEN", "from-variable"));
        assertThat(fromVariable.token().get().authorizes("Bearer from-variable")).isTrue();
        assertThat(fromVariable.port()).isEqualTo(ClusterSettings.DEFAULT_PORT);
        assertThatThrownBy(() -> ClusterSettings.from(home, Map.of("PAASMAKER_CLUSTER_PORT", "http")))
                .hasMessageContaining("PAASMAKER_CLUSTER_PORT is 'http'");
    }

    private AgentSettings agent(NodeToken agentToken) {
        return new AgentSettings(java.util.List.of(URI.create("http://127.0.0.1:" + controller.port())), agentToken, "127.0.0.2",
                temp.resolve("agent"), "edge", Map.of("zone", "b"), new PortRange(44700, 44709), 0,
                Duration.ofSeconds(1), Map.of());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + controller.port() + ClusterServer.PREFIX + path);
    }
}
