package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.api.routing.Route;
import org.paasmaker.api.routing.RouterHome;
import org.paasmaker.api.routing.RouterStatistics;

class CdsTrainingTest {

    @TempDir
    Path temp;

    @Test
    void theTrainingRunPushesATableAndHasARequestRelayedToItsInstance() throws Exception {
        RouterHome home = new RouterHome(temp);
        TableFile file = new TableFile(home);
        try (Router router = Router.start(RouterSettings.onPort(0).withBindAddress("127.0.0.1"));
                ControlServer control = new ControlServer(new AcceptedTables(router, file), home)) {
            CdsTraining.run(home, router.port(), control.port());

            assertThat(file.table().orElseThrow().routes()).extracting(Route::hostname)
                    .containsExactly("routed.cds-training.invalid");
            RouterStatistics statistics = router.statistics();
            assertThat(statistics.instances()).singleElement()
                    .satisfies(instance -> assertThat(instance.traffic().status2xx()).isEqualTo(1));
            assertThat(statistics.unrouted().status4xx()).isEqualTo(1);
        }
    }
}
