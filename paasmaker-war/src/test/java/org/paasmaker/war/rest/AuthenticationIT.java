package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationIT {

    private static Api api;

    @BeforeAll
    static void server() {
        api = ItServer.api();
    }

    @Test
    void healthAnswersWithoutAToken() {
        Api.Answer health = api.getWithAuthorization("health", Optional.empty());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void everythingElseNeedsTheToken() {
        Api.Answer none = api.getWithAuthorization("workspaces", Optional.empty());
        Api.Answer wrong = api.getWithAuthorization("workspaces", Optional.of("Bearer " + api.token() + "x"));
        Api.Answer unknownPath = api.getWithAuthorization("no-such-thing", Optional.empty());
        Api.Answer basic = api.getWithAuthorization("workspaces", Optional.of("Basic b3BlcmF0b3I6c2VjcmV0"));
        Api.Answer right = api.get("workspaces");

        for (Api.Answer refused : new Api.Answer[] {none, wrong, unknownPath, basic}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asText()).isEqualTo("unauthorized");
            assertThat(refused.header("WWW-Authenticate")).contains("Bearer realm=\"paasmaker\"");
        }
        assertThat(right.status()).isEqualTo(200);
    }

    /**
     * Jakarta Security authenticates every call, and the API stays stateless: the container neither
     * answers for the API nor hands out a session or single sign-on cookie (Liberty's LtpaToken2).
     */
    @Test
    void anAuthenticatedCallGetsNoContainerCookie() {
        Api.Answer right = api.get("workspaces");
        Api.Answer health = api.getWithAuthorization("health", Optional.of("Bearer " + api.token()));

        assertThat(right.status()).isEqualTo(200);
        assertThat(health.status()).isEqualTo(200);
        assertThat(right.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(health.raw().headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theGeneratedTokenIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ItServer.home().resolve("token"))))
                .isEqualTo("rw-------");
        assertThat(api.token()).hasSizeGreaterThanOrEqualTo(32);
    }
}
