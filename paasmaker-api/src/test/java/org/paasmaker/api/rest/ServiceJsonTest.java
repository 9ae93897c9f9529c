package org.paasmaker.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;

/** A service on the wire shows its passwords only when they are asked to be revealed. */
class ServiceJsonTest {

    private final ApplicationService database = new ApplicationService(new ServiceId(5), new ApplicationId(3), "db",
            "paasmaker.service.postgres", PluginParameters.empty(), PluginParameters.of(Map.of("protocol", "pgsql",
                    "username", "hello_db_k3x9a0qz", "password", "s3cret-192-bits", "admin_secret", "x", "port", 42800)));

    @Test
    void passwordsAndSecretsAreMaskedByDefault() {
        ServiceJson shown = ServiceJson.of(database);

        assertThat(shown.credentials()).containsEntry("password", ServiceJson.MASK).containsEntry("admin_secret",
                ServiceJson.MASK).containsEntry("username", "hello_db_k3x9a0qz").containsEntry("port", 42800)
                .doesNotContainValue("s3cret-192-bits");
    }

    @Test
    void revealedTheyAreAsTheInstancesReceiveThem() {
        assertThat(ServiceJson.of(database, true).credentials()).containsEntry("password", "s3cret-192-bits");
    }
}
