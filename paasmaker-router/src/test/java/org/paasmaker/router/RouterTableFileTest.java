package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.AcmeChallenge;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouteTarget;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RoutingTable;
import org.paasmaker.api.routing.ServedCertificate;

/** The table file: HTTPS's fields round trip, the file is its owner's alone, and a file from before HTTPS loads. */
class RouterTableFileTest {

    @TempDir
    Path temp;

    @Test
    void certificatesChallengesAndRedirectsRoundTripInAnOwnerOnlyFile() throws Exception {
        ServedCertificate certificate = TestCertificates.authority(temp.resolve("ca")).issue("app.foo.com", "*.app.foo.com");
        String token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
        RoutingTable table = new RoutingTable(3, List.of(new Route("app.foo.com",
                List.of(new RouteTarget("127.0.0.1", 42600, "app", 1, "i-1")), true)), List.of(certificate),
                List.of(new AcmeChallenge(token, token + ".thumbprint")));
        RouterHome home = new RouterHome(temp.resolve("router"));
        TableFile file = new TableFile(home);

        file.save(table);

        assertThat(file.table()).contains(table);
        assertThat(Files.getPosixFilePermissions(home.file(RouterHome.TABLE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // What a router started before a reload would serve, too: a router of this table serves it.
        try (Router router = Router.start(RouterSettings.onPort(0).withHttpsPort(0).withBindAddress("127.0.0.1"),
                file.table().orElseThrow())) {
            assertThat(router.table().certificates()).containsExactly(certificate);
        }
    }

    @Test
    void aTableFileWrittenBeforeHttpsStillLoads() throws Exception {
        RouterHome home = new RouterHome(temp);
        Files.writeString(home.file(RouterHome.TABLE), """
                {"generation":7,"routes":[{"hostname":"*.hello.com","targets":[{"host":"127.0.0.1","port":42600,\
                "application":"hello","version":3,"instanceId":"5f0c"}]}]}""", StandardCharsets.UTF_8);

        RoutingTable table = new TableFile(home).table().orElseThrow();

        assertThat(table.generation()).isEqualTo(7);
        assertThat(table.routes().get(0).redirectToHttps()).isFalse();
        assertThat(table.certificates()).isEmpty();
        assertThat(table.challenges()).isEmpty();
    }
}
