package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenApiIT {

    @Test
    void theDocumentListsTheApiWithoutAToken() throws Exception {
        Api api = ItServer.api();

        HttpResponse<String> document = api.http().send(HttpRequest.newBuilder(ItServer.base().resolve("openapi"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("title: Paasmaker API", "/api/v1/workspaces/{ws}/versions",
                "/api/v1/jobs/{id}/events", "scheme: bearer");
    }
}
