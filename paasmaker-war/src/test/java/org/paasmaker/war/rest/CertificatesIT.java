package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paasmaker.engine.certificate.FakeCertificateAuthority;

/**
 * Uploaded certificates through the REST API of the real server: a good one is kept (its key in a file
 * only the platform reads) and listed without its key; each way one can be bad is a 400 problem+json
 * saying what is wrong; a viewer may list but not upload; deleting one forgets it. The certificates
 * come from a test authority made with openssl (no real one can be reached here).
 */
class CertificatesIT {

    @TempDir
    static Path temp;

    private static Api operator;
    private static Deployments deployments;
    private static String workspace;
    private static String application;
    private static String hostname;
    private static FakeCertificateAuthority authority;

    @BeforeAll
    static void application() throws Exception {
        operator = ItServer.api();
        deployments = new Deployments(operator);
        workspace = deployments.newWorkspace("Certificates").path("stub").asText();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        hostname = "hello-" + suffix + ".example.com";
        Path app = temp.resolve("app");
        Files.createDirectories(app.resolve("web"));
        Files.writeString(app.resolve("web/index.html"), "<p>hello</p>\n");
        Files.writeString(app.resolve("manifest.yml"), """
                manifest:
                  format: 1
                application:
                  name: cert-%s
                  redirect_https: [%s]
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.static
                      version: 1
                      parameters:
                        document_root: web
                    hostnames: [%s, www.%s]
                """.formatted(suffix, hostname, hostname, hostname));
        String version = deployments.prepared(workspace, Deployments.tarball(app, temp));
        deployments.run(version, "start");
        deployments.run(version, "make-current");
        application = operator.get("versions/" + version).json().path("applicationId").asText();
        authority = new FakeCertificateAuthority(Files.createDirectories(temp.resolve("ca")));
    }

    @AfterAll
    static void cleanUp() {
        if (deployments != null) {
            deployments.cleanUp();
        }
    }

    @Test
    void aGoodCertificateIsKeptListedWithoutItsKeyAndDeleted() throws Exception {
        FakeCertificateAuthority.Issued issued = authority.issue(30, hostname, "*." + hostname);

        Api.Answer created = operator.postJson(certificates(), Map.of("chainPem", issued.chainPem(),
                "keyPem", issued.keyPem()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode certificate = created.json();
        String id = certificate.path("id").asText();
        assertThat(created.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/" + id));
        assertThat(certificate.path("names")).extracting(JsonNode::asText).containsExactly(hostname, "*." + hostname);
        assertThat(certificate.path("hostnames")).extracting(JsonNode::asText).containsExactly(hostname, "www." + hostname);
        assertThat(certificate.path("source").asText()).isEqualTo("uploaded");
        assertThat(certificate.path("issuer").asText()).isEqualTo("CN=Fake Intermediate CA");
        assertThat(created.body()).doesNotContain("PRIVATE KEY");

        Api.Answer listed = operator.get(certificates());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("id")).containsExactly(id);
        assertThat(listed.body()).doesNotContain("PRIVATE KEY");
        assertThat(operator.get("certificates").json().findValuesAsText("id")).contains(id);
        assertThat(operator.get("routes").body()).as("the routes leave the keys out").doesNotContain("PRIVATE KEY");
        JsonNode route = findRoute(operator.get("routes").json(), hostname);
        assertThat(route.path("redirectToHttps").asBoolean()).isTrue();
        Path key = ItServer.home().resolve("certificates").resolve(id + ".key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(key.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        Api viewer = PermissionsIT.userWith("cert-viewer", List.of(Map.of("role", "Viewer", "workspace", workspace)));
        Api.Answer seen = viewer.get(certificates());
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("PRIVATE KEY");
        Api.Answer refused = viewer.postJson(certificates(), Map.of("chainPem", issued.chainPem(), "keyPem", issued.keyPem()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(viewer.delete(certificates() + "/" + id).status()).isEqualTo(403);

        Api.Answer deleted = operator.delete(certificates() + "/" + id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(operator.get(certificates()).json()).isEmpty();
        assertThat(key).doesNotExist();
        assertThat(findRoute(operator.get("routes").json(), hostname).path("redirectToHttps").asBoolean()).isFalse();
        assertThat(operator.delete(certificates() + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void eachBadCertificateIsA400SayingWhatIsWrong() {
        FakeCertificateAuthority.Issued good = authority.issue(30, hostname);
        FakeCertificateAuthority.Issued other = authority.issue(30, "other.example.com");
        FakeCertificateAuthority.Issued expired = authority.expired(hostname);

        refused(Map.of("chainPem", expired.chainPem(), "keyPem", expired.keyPem()), "expired at");
        refused(Map.of("chainPem", good.chainPem(), "keyPem", other.keyPem()),
                "the private key does not match the certificate");
        refused(Map.of("chainPem", good.chainPem(), "keyPem", good.keyPem(), "hostnames", List.of("www." + hostname)),
                "does not cover www." + hostname);
        refused(Map.of("chainPem", other.chainPem(), "keyPem", other.keyPem()),
                "cover none of the hostnames of application");
        refused(Map.of("chainPem", "hello", "keyPem", good.keyPem()), "the certificate chain is not PEM");
        refused(Map.of("chainPem", good.chainPem(), "keyPem", authority.encrypted(good.keyPem())),
                "the private key is encrypted; decrypt it first");
        refused(Map.of("chainPem", good.intermediatePem() + good.leafPem(), "keyPem", good.keyPem()),
                "the chain is out of order");
        refused(Map.of("keyPem", good.keyPem()), "the certificate chain is not PEM");
        assertThat(operator.get(certificates()).json()).isEmpty();
    }

    private static void refused(Map<String, Object> body, String words) {
        Api.Answer answer = operator.postJson(certificates(), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).contains(words);
    }

    private static JsonNode findRoute(JsonNode table, String name) {
        for (JsonNode route : table.path("routes")) {
            if (route.path("hostname").asText().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no route for " + name + " in " + table);
    }

    private static String certificates() {
        return "applications/" + application + "/certificates";
    }
}
