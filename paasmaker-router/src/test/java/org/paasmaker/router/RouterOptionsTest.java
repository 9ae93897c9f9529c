package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.RouterHome;

class RouterOptionsTest {

    @TempDir
    Path temp;

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichFillsInTheRest() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "  node-token\n");
        RouterOptions options = RouterOptions.parse(List.of("--port", "9090", "--follow=http://controller:8091",
                "--event-loops=3"), Map.of("PAASMAKER_ROUTER_PORT", "7070", "PAASMAKER_ROUTER_HOME", temp.toString(),
                "PAASMAKER_ROUTER_TOKEN_FILE", token.toString(), "PAASMAKER_ROUTER_NAME", "edge-1",
                "PAASMAKER_ROUTER_BIND", "127.0.0.1", "PAASMAKER_ROUTER_HTTPS_PORT", "9443"));

        assertThat(options.settings().port()).isEqualTo(9090);
        assertThat(options.settings().httpsPort()).isEqualTo(9443);
        assertThat(options.settings().eventLoops()).isEqualTo(3);
        assertThat(options.settings().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(options.home().directory()).isEqualTo(temp.toAbsolutePath());
        assertThat(options.settings().accessLog()).contains(temp.toAbsolutePath().resolve(RouterHome.ACCESS_LOG));
        assertThat(options.follow()).contains(URI.create("http://controller:8091/cluster/v1/routes"));
        assertThat(options.token()).contains("node-token");
        assertThat(options.name()).isEqualTo("edge-1");
    }

    @Test
    void aRouterThatFollowsNothingNeedsNoToken() {
        RouterOptions options = RouterOptions.parse(List.of("--home", temp.toString(), "--no-access-log"), Map.of());
        assertThat(options.follow()).isEmpty();
        assertThat(options.settings().accessLog()).isEmpty();
        assertThat(options.settings().port()).isEqualTo(RouterSettings.DEFAULT_PORT);
        assertThat(options.settings().httpsPort()).isEqualTo(RouterSettings.DEFAULT_HTTPS_PORT);
    }

    @Test
    void httpsIsTurnedOffWithMinusOne() {
        RouterOptions options = RouterOptions.parse(List.of("--home", temp.toString(), "--https-port", "-1"), Map.of());
        assertThat(options.settings().servesHttps()).isFalse();
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--https-port=-2"), Map.of()))
                .hasMessageContaining("HTTPS port");
    }

    @Test
    void severalControllersAreFollowedInTheOrderGiven() throws Exception {
        Path token = Files.writeString(temp.resolve("token"), "node-token\n");
        RouterOptions options = RouterOptions.parse(List.of("--home", temp.toString(), "--token-file", token.toString(),
                "--follow", "http://c1:8091, http://c2:8091/feed"), Map.of());
        assertThat(options.follow()).containsExactly(URI.create("http://c1:8091/cluster/v1/routes"),
                URI.create("http://c2:8091/feed"));
        assertThat(RouterOptions.parse(List.of("--home", temp.toString()), Map.of("PAASMAKER_ROUTER_FOLLOW",
                "http://c1:8091,http://c2:8091", "PAASMAKER_ROUTER_TOKEN_FILE", token.toString())).follow()).hasSize(2);

        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "http://c1:8091,c2:8091", "--token-file",
                token.toString()), Map.of())).hasMessageContaining("not 'c2:8091' (controller 2 of 2 in"
                        + " 'http://c1:8091,c2:8091')");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "http://c1:8091,http://c1:8091",
                "--token-file", token.toString()), Map.of())).hasMessageContaining("twice");
    }

    @Test
    void aFeedUrlWithAPathIsTakenAsItIs() {
        assertThat(RouterOptions.feeds("http://127.0.0.1:9/elsewhere/routes"))
                .containsExactly(URI.create("http://127.0.0.1:9/elsewhere/routes"));
    }

    @Test
    void badOptionsAreNamedWithWhatToDo() throws Exception {
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "http://c:1"), Map.of()))
                .hasMessageContaining("--follow needs --token-file FILE");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "controller:8091", "--token-file", "x"), Map.of()))
                .hasMessageContaining("--follow takes the controller's URL");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--port", "eighty"), Map.of()))
                .hasMessageContaining("--port (or PAASMAKER_ROUTER_PORT) is a number, not 'eighty'");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--colour=red"), Map.of()))
                .hasMessageContaining("unknown option '--colour=red'").hasMessageContaining("usage:");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--port"), Map.of()))
                .hasMessageContaining("the option --port needs a value");
        Path empty = Files.writeString(temp.resolve("empty"), "\n");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "http://c:1", "--token-file", empty.toString()),
                Map.of())).hasMessageContaining("is empty; put the node token there");
        assertThatThrownBy(() -> RouterOptions.parse(List.of("--follow", "http://c:1", "--token-file",
                temp.resolve("missing").toString()), Map.of())).hasMessageContaining("cannot read the token file");
    }
}
