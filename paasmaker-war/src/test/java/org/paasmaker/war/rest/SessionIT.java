package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser's sign-in: the session cookie, the CSRF token its writes need, and the sign-out. */
class SessionIT {

    private static Api operator;

    @BeforeAll
    static void server() {
        operator = ItServer.api();
    }

    @Test
    void theCookieAuthenticatesReadsAndWritesNeedTheCsrfToken() {
        String name = "browser-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));

        Api.Answer signedIn = post("session", Map.of("name", name, "password", "correct horse battery"), null, null);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        String setCookie = signedIn.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("paasmaker_session=pmk_").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/api").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = signedIn.json().path("csrfToken").asText();
        assertThat(signedIn.json().path("user").path("name").asText()).isEqualTo(name);

        Api.Answer read = operator.send(HttpRequest.newBuilder(operator.uri("users/" + name)).header("Cookie", cookie).GET().build());
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        Api.Answer forged = post("users/" + name + "/keys", Map.of("name", "from a form"), cookie, null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().path("detail").asText()).contains("X-Paasmaker-CSRF");
        Api.Answer wrongToken = post("users/" + name + "/keys", Map.of("name", "from a form"), cookie, csrf + "0");
        assertThat(wrongToken.status()).isEqualTo(403);
        Api.Answer written = post("users/" + name + "/keys", Map.of("name", "from the console"), cookie, csrf);
        assertThat(written.status()).as(written.body()).isEqualTo(201);

        Api.Answer signedOut = operator.send(HttpRequest.newBuilder(operator.uri("session")).header("Cookie", cookie)
                .DELETE().build());
        assertThat(signedOut.status()).as(signedOut.body()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        Api.Answer after = operator.send(HttpRequest.newBuilder(operator.uri("users/" + name)).header("Cookie", cookie).GET().build());
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordSetsNoCookie() {
        String name = "browser-" + PermissionsIT.suffix();
        operator.postJson("users", PermissionsIT.user(name));
        Api.Answer wrong = post("session", Map.of("name", name, "password", "wrong horse battery"), null, null);
        Api.Answer unknown = post("session", Map.of("name", "x" + name, "password", "correct horse battery"), null, null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("Set-Cookie")).isEmpty();
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    private static Api.Answer post(String path, Object body, String cookie, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(operator.uri(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(Api.json(body)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrf != null) {
            request.header("X-Paasmaker-CSRF", csrf);
        }
        return operator.send(request.build());
    }
}
