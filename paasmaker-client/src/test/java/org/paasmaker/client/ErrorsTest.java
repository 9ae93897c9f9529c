package org.paasmaker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.WireFixtures;

/** Every failure is one PaasmakerClientException with the server's problem, or a message saying why there was none. */
class ErrorsTest {

    @RegisterExtension
    final FakeServer server = new FakeServer();
    private final PaasmakerClient client = server.client();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    private static void assertForUsers(PaasmakerException e) {
        assertThat(e.getMessage()).doesNotContainPattern("(java|javax|jdk|sun)\\.[a-z]+\\.|[A-Z][a-z]+Exception\\b");
    }

    @Test
    void aProblemWithFieldErrorsKeepsEachWithItsLine() {
        server.answer("POST", "workspaces/dev/versions", 400, "application/problem+json",
                WireFixtures.read("problem-invalid-manifest.json"));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.versions()
                .create("dev", VersionSource.git("https://example.com/hello.git", null, null)));

        assertThat(e).isInstanceOf(PaasmakerException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).containsExactly(new FieldError("application.name", "Required", 4),
                new FieldError("instances[0].runtime.plugin", "'paasmaker.runtime.cobol' is not a plugin of this platform", 9));
        assertThat(e.problem()).hasValueSatisfying(problem -> {
            assertThat(problem.type()).isEqualTo("invalid-manifest");
            assertThat(problem.title()).isEqualTo("Invalid manifest");
            assertThat(problem.errors()).hasSize(2);
        });
        assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), "manifest.yml has 2 errors",
                "  application.name (line 4): Required",
                "  instances[0].runtime.plugin (line 9): 'paasmaker.runtime.cobol' is not a plugin of this platform"));
        assertForUsers(e);
    }

    @Test
    void notFoundIsItsDetail() {
        server.answer("GET", "workspaces/nope", 404, "application/problem+json", WireFixtures.read("problem-not-found.json"));

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.workspaces().get("nope"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("there is no workspace 'nope'");
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void aRefusedTokenSaysSo() throws IOException {
        String refused = "{\"type\": \"unauthorized\", \"title\": \"Unauthorized\", \"status\": 401,"
                + " \"detail\": \"the token is not this server's\", \"errors\": []}";
        server.answer("GET", "nodes", 401, "application/problem+json", refused);

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.nodes());

        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("refused the token", server.uri().toString(), "the token is not this server's");
        try (PaasmakerClient anonymous = PaasmakerClient.builder().server(server.uri()).build()) {
            PaasmakerClientException none = catchThrowableOfType(PaasmakerClientException.class, anonymous::nodes);
            assertThat(none.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
            assertThat(none.getMessage()).contains("needs a token", "PAASMAKER_TOKEN");
            assertThat(server.last().header("Authorization")).isNull();
        }
    }

    @Test
    void anHtmlPageFromAProxyIsNamedWithItsStatus() {
        server.answer("GET", "nodes", 502, "text/html", "<html><body>Bad Gateway</body></html>");

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.nodes());

        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.problem()).isEmpty();
        assertThat(e.getMessage()).contains("answered 502 with text/html", "proxy", server.uri().toString());
        assertForUsers(e);
    }

    @Test
    void anHtmlPageWhereJsonWasExpectedIsNotTheApi() {
        server.answer("GET", "nodes", 200, "text/html", "<html>Welcome to nginx</html>");

        PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, () -> client.nodes());

        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("text/html", "PAASMAKER_SERVER");
        assertForUsers(e);
    }

    @Test
    void aStatusOnlyProblemOrAnUnknownTypeTakesItsCodeFromTheStatus() {
        server.answer("POST", "workspaces", 415, "application/problem+json", "{\"type\": \"about:blank\","
                + " \"title\": \"Unsupported Media Type\", \"status\": 415, \"detail\": \"send application/json\"}");
        server.answer("DELETE", "workspaces/dev", 409, "application/problem+json", "{\"type\": \"still-in-use\","
                + " \"title\": \"Still in use\", \"status\": 409, \"detail\": \"the workspace holds 2 applications\"}");

        PaasmakerClientException unsupported = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.workspaces().create(new org.paasmaker.api.rest.WorkspaceRequest("a", "a", null)));
        PaasmakerClientException conflict = catchThrowableOfType(PaasmakerClientException.class,
                () -> client.workspaces().delete("dev"));

        assertThat(unsupported.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(unsupported.getMessage()).isEqualTo("send application/json");
        assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(conflict.getMessage()).isEqualTo("the workspace holds 2 applications");
    }

    @Test
    void aServerThatIsNotRunningIsUnavailableNamingItsAddress() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (PaasmakerClient unreachable = PaasmakerClient.connect(nobody, "t")) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, unreachable::health);

            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains(nobody.toString(), "connection was refused", "is the server running",
                    "PAASMAKER_SERVER", "--server");
            assertForUsers(e);
        }
    }

    @Test
    void anUnknownHostIsUnavailableNamingIt() {
        try (PaasmakerClient unknown = PaasmakerClient.connect(URI.create("http://no-such-host.invalid:9080"), "t")) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, unknown::nodes);

            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("'no-such-host.invalid' is unknown", "PAASMAKER_SERVER");
            assertForUsers(e);
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnavailable() {
        server.on("GET", "nodes", (request, exchange) -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try (PaasmakerClient impatient = PaasmakerClient.builder().server(server.uri()).token("t")
                .requestTimeout(Duration.ofMillis(300)).build()) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class, impatient::nodes);

            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("did not answer GET /api/v1/nodes within 300 ms");
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        client.close();

        assertThatThrownBy(client::nodes).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> client.jobs().follow("0b6f3c3e-2d3f-4c52-9a0e-4f1f5f0d7a11"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aBadServerAddressIsRefusedAtOnce() {
        for (String address : new String[] {"localhost:9080", "ftp://host/", "http://", "not an address"}) {
            PaasmakerClientException e = catchThrowableOfType(PaasmakerClientException.class,
                    () -> PaasmakerClient.builder().server(address));
            assertThat(e.code()).as(address).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("is not a server address", "http://localhost:9080");
        }
        PaasmakerClientException none = catchThrowableOfType(PaasmakerClientException.class,
                () -> PaasmakerClient.builder().token("t").build());
        assertThat(none.getMessage()).contains("no server was given");
    }
}
