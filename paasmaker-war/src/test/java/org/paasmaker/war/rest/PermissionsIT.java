package org.paasmaker.war.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every operation of the OpenAPI document as users who lack its permission (403 naming it),
 * who hold it (anything but 401 and 403), and who hold it in another workspace only (403 or 404,
 * never the data). The table below says which permission each operation needs; an operation the
 * document lists and the table does not fails the test, so a new endpoint cannot be forgotten.
 */
class PermissionsIT {

    /** How an operation's permission is held: in the workspace of the object it names, globally, or a list. */
    enum Where { WORKSPACE, GLOBAL, LIST }

    record Rule(String permission, Where where) {
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        ws("GET /workspaces/{ws}", "WORKSPACE_VIEW");
        ws("GET /workspaces/{ws}/applications", "WORKSPACE_VIEW");
        ws("GET /applications/{app}", "WORKSPACE_VIEW");
        ws("GET /applications/{app}/versions", "WORKSPACE_VIEW");
        ws("GET /applications/{app}/services", "SERVICE_VIEW");
        ws("GET /applications/{app}/disk", "WORKSPACE_VIEW");
        ws("GET /applications/{app}/certificates", "WORKSPACE_VIEW");
        ws("GET /versions/{id}", "WORKSPACE_VIEW");
        ws("GET /versions/{id}/instances", "WORKSPACE_VIEW");
        ws("GET /instances/{id}/log", "WORKSPACE_VIEW");
        ws("GET /jobs/{id}", "WORKSPACE_VIEW");
        ws("GET /jobs/{id}/log", "WORKSPACE_VIEW");
        ws("GET /jobs/{id}/batch", "WORKSPACE_VIEW");
        ws("GET /jobs/{id}/events", "WORKSPACE_VIEW");
        ws("GET /services/{id}/export", "SERVICE_EXPORT");
        rule("GET /workspaces", "WORKSPACE_LIST", Where.LIST);
        global("GET /disk", "SYSTEM_OVERVIEW");
        global("GET /controller", "SYSTEM_OVERVIEW");
        global("GET /nodes", "NODE_LIST");
        global("GET /plugins", "SYSTEM_OVERVIEW");
        global("GET /runtimes", "SYSTEM_OVERVIEW");
        global("GET /routes", "SYSTEM_OVERVIEW");
        global("GET /certificates", "SYSTEM_OVERVIEW");
        global("GET /router/stats", "SYSTEM_OVERVIEW");
        global("GET /users", "USER_LIST");
        global("GET /users/{user}", "USER_LIST");
        global("GET /users/{user}/keys", "USER_EDIT");
        global("GET /users/{user}/grants", "ROLE_LIST");
        global("GET /roles", "ROLE_LIST");
        global("GET /roles/{name}", "ROLE_LIST");
        global("GET /audit", "SYSTEM_ADMINISTRATION");
        // Writes, in an order that keeps the objects of later ones in place.
        ws("PUT /workspaces/{ws}", "WORKSPACE_EDIT");
        global("POST /workspaces", "WORKSPACE_EDIT");
        global("POST /manifests/validate", "SYSTEM_OVERVIEW");
        ws("POST /workspaces/{ws}/versions", "APPLICATION_CREATE");
        ws("POST /services/{id}/import", "SERVICE_IMPORT");
        ws("POST /jobs/{id}/abort", "JOB_ABORT");
        ws("PUT /versions/{id}/kept", "APPLICATION_DEPLOY");
        ws("DELETE /versions/{id}/kept", "APPLICATION_DEPLOY");
        ws("POST /versions/{id}/start", "APPLICATION_DEPLOY");
        ws("POST /versions/{id}/make-current", "APPLICATION_ROUTING");
        ws("POST /applications/{app}/certificates", "APPLICATION_ROUTING");
        ws("DELETE /applications/{app}/certificates/{certificate}", "APPLICATION_ROUTING");
        ws("POST /versions/{id}/stop", "APPLICATION_DEPLOY");
        ws("POST /versions/{id}/deregister", "APPLICATION_DEPLOY");
        global("POST /users", "USER_EDIT");
        global("PUT /users/{user}/password", "USER_EDIT");
        global("POST /users/{user}/keys", "USER_EDIT");
        global("DELETE /users/{user}/keys/{key}", "USER_EDIT");
        global("POST /users/{user}/grants", "ROLE_ASSIGN");
        global("DELETE /users/{user}/grants", "ROLE_ASSIGN");
        global("PUT /roles/{name}", "ROLE_EDIT");
        global("DELETE /roles/{name}", "ROLE_EDIT");
        ws("DELETE /versions/{id}", "APPLICATION_DELETE");
        ws("DELETE /applications/{app}", "APPLICATION_DELETE");
        ws("DELETE /workspaces/{ws}", "WORKSPACE_DELETE");
        global("DELETE /users/{user}", "USER_EDIT");
    }

    private static void ws(String operation, String permission) {
        rule(operation, permission, Where.WORKSPACE);
    }

    private static void global(String operation, String permission) {
        rule(operation, permission, Where.GLOBAL);
    }

    private static void rule(String operation, String permission, Where where) {
        if (RULES.put(operation, new Rule(permission, where)) != null) {
            throw new IllegalStateException("two rules for " + operation);
        }
    }

    /** Operations that need no token at all. */
    private static final Set<String> OPEN = Set.of("GET /health", "POST /login", "POST /session", "DELETE /session");

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "correct horse battery";

    private static Api operator;
    private static Deployments deployments;
    private static final Map<String, String> values = new HashMap<>();
    private static final Map<String, Api> users = new HashMap<>();
    private static String otherWorkspace;
    private static final Map<String, String> bodyTypes = new HashMap<>();

    @TempDir
    static Path temp;

    @BeforeAll
    static void objects() throws Exception {
        operator = ItServer.api();
        deployments = new Deployments(operator);
        String workspace = deployments.newWorkspace("Permissions A").path("stub").asText();
        otherWorkspace = deployments.newWorkspace("Permissions B").path("stub").asText();
        Path app = temp.resolve("app");
        Files.createDirectories(app.resolve("web"));
        Files.writeString(app.resolve("web/index.html"), "<p>secret page</p>\n");
        Files.writeString(app.resolve("manifest.yml"), """
                manifest:
                  format: 1
                application:
                  name: perm-%s
                instances:
                  - name: web
                    runtime:
                      plugin: paasmaker.runtime.static
                      version: 1
                      parameters:
                        document_root: web
                services:
                  - name: settings
                    plugin: paasmaker.service.parameters
                    parameters:
                      colour: ultramarine-%s
                """.formatted(UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID()));
        Api.Answer accepted = deployments.upload(workspace, Deployments.tarball(app, temp));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String version = deployments.versionOf(accepted);
        String job = accepted.json().path("jobId").asText();
        deployments.succeeded(job);
        deployments.run(version, "start");
        JsonNode versionJson = operator.get("versions/" + version).json();
        String application = versionJson.path("applicationId").asText();
        JsonNode service = operator.get("applications/" + application + "/services").json().get(0);
        String instance = operator.get("versions/" + version + "/instances").json().get(0).path("id").asText();

        String target = "target-" + suffix();
        assertThat(operator.postJson("users", user(target)).status()).isEqualTo(201);
        JsonNode key = operator.postJson("users/" + target + "/keys", Map.of("name", "laptop")).json();
        String role = "It Role " + suffix();
        assertThat(operator.putJson("roles/" + role.replace(" ", "%20"), Map.of("permissions", List.of("USER_LIST"))).status())
                .isEqualTo(200);

        values.put("ws", workspace);
        values.put("app", application);
        values.put("versions", version);
        values.put("instances", instance);
        values.put("services", service.path("id").asText());
        values.put("jobs", job);
        values.put("user", target);
        values.put("key", key.path("key").path("id").asText());
        values.put("name", role.replace(" ", "%20"));
        values.put("certificate", "0123456789abcdef");
        values.put("secret", service.path("credentials").path("colour").asText());
    }

    @AfterAll
    static void cleanUp() {
        if (deployments != null) {
            deployments.cleanUp();
        }
    }

    @Test
    void everyOperationChecksItsPermissionInItsWorkspace() throws Exception {
        bodyTypes.putAll(documentedOperations());
        List<String> operations = List.copyOf(bodyTypes.keySet());
        assertThat(RULES.keySet()).as("operations of the OpenAPI document without a rule here")
                .containsAll(operations.stream().filter(op -> !OPEN.contains(op)).toList());
        assertThat(operations).as("rules for operations the document no longer lists").containsAll(RULES.keySet());

        Api nobody = userWith("nobody", List.of());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            String op = entry.getKey();
            Rule rule = entry.getValue();
            Api.Answer refused = call(nobody, op);
            if (refused.status() != 403 || !refused.body().contains(rule.permission())) {
                problems.add(op + " without " + rule.permission() + ": " + refused.status() + " " + refused.body());
            }
            Api elsewhere = holder(rule.permission(), otherWorkspace);
            Api.Answer other = call(elsewhere, op);
            if (rule.where() == Where.LIST) {
                if (other.status() != 200 || other.body().contains(values.get("ws"))) {
                    problems.add(op + " with " + rule.permission() + " in another workspace shows: " + other.body());
                }
            } else if ((other.status() != 403 && other.status() != 404) || leaks(other.body())) {
                problems.add(op + " with " + rule.permission() + " in another workspace only: " + other.status() + " " + other.body());
            }
        }
        for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
            String op = entry.getKey();
            Rule rule = entry.getValue();
            Api allowed = holder(rule.permission(), rule.where() == Where.WORKSPACE ? values.get("ws") : null);
            Api.Answer answer = call(allowed, op);
            if (answer.status() == 401 || answer.status() == 403) {
                problems.add(op + " with " + rule.permission() + ": " + answer.status() + " " + answer.body());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aForbiddenAnswerIsAProblemNamingThePermission() {
        Api.Answer refused = userWith("viewer", List.of(Map.of("role", "Viewer")))
                .get("applications/" + values.get("app") + "/services?reveal=true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("forbidden");
        assertThat(refused.json().path("detail").asText()).contains("SERVICE_CREDENTIAL_VIEW");

        Api viewer = userWith("viewer2", List.of(Map.of("role", "Viewer")));
        Api.Answer masked = viewer.get("applications/" + values.get("app") + "/services");
        assertThat(masked.status()).isEqualTo(200);
        Api manager = userWith("manager", List.of(Map.of("role", "Manager", "workspace", values.get("ws"))));
        Api.Answer revealed = manager.get("applications/" + values.get("app") + "/services?reveal=true");
        assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
    }

    private static boolean leaks(String body) {
        return body.contains(values.get("secret")) || body.contains("secret page");
    }

    private static Api.Answer call(Api api, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = fill(operation.substring(operation.indexOf(' ') + 2));
        HttpRequest.Builder request = api.request(path);
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
                ? BodyPublishers.noBody() : BodyPublishers.ofString("{}");
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", bodyTypes.getOrDefault(operation, "application/json"));
        }
        if (operation.endsWith("/events")) {
            request.header("Accept", "text/event-stream");
        }
        return api.send(request.method(method, body).build());
    }

    /** The path with the test's objects in place of its parameters; an {@code id} takes the object of the segment before it. */
    private static String fill(String template) {
        String[] segments = template.split("/");
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                String name = segments[i].substring(1, segments[i].length() - 1);
                segments[i] = name.equals("id") ? values.get(segments[i - 1]) : values.get(name);
            }
        }
        return String.join("/", segments);
    }

    /** Every operation of the API in the OpenAPI document, as {@code "GET /workspaces/{ws}"}. */
    /** Each operation of the document with the first media type its body takes (JSON for none). */
    private static Map<String, String> documentedOperations() throws Exception {
        HttpResponse<String> document = operator.http().send(HttpRequest.newBuilder(ItServer.base().resolve("openapi"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        Map<String, String> operations = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = JSON.readTree(document.body()).path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String relative = path.getKey().replaceFirst("^/api/v1", "");
            path.getValue().fields().forEachRemaining(method -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    Iterator<String> types = method.getValue().path("requestBody").path("content").fieldNames();
                    operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + relative,
                            types.hasNext() ? types.next() : "application/json");
                }
            });
        }
        assertThat(operations).containsKeys("GET /workspaces", "POST /login");
        return operations;
    }

    /** A user whose only role holds the one permission, in that workspace or (null) globally. */
    private static Api holder(String permission, String workspace) {
        String key = permission + "@" + workspace;
        return users.computeIfAbsent(key, k -> {
            String role = "Only " + permission.replace('_', ' ');
            assertThat(operator.putJson("roles/" + role.replace(" ", "%20"), Map.of("permissions", List.of(permission)))
                    .status()).isEqualTo(200);
            Map<String, String> grant = workspace == null ? Map.of("role", role) : Map.of("role", role, "workspace", workspace);
            return userWith(permission.toLowerCase(Locale.ROOT).replace('_', '-'), List.of(grant));
        });
    }

    /** A new user with those grants, and an API for its new key; other ITs call it without this one's set-up. */
    static Api userWith(String prefix, List<Map<String, String>> grants) {
        Api operator = ItServer.api();
        String name = prefix + "-" + suffix();
        Api.Answer created = operator.postJson("users", user(name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        for (Map<String, String> grant : grants) {
            Api.Answer granted = operator.postJson("users/" + name + "/grants", grant);
            assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        }
        Api.Answer key = operator.postJson("users/" + name + "/keys", Map.of("name", "it"));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return new Api(operator.http(), ItServer.base().resolve("api/v1/"), key.json().path("secret").asText());
    }

    static Map<String, String> user(String name) {
        return Map.of("name", name, "email", name + "@example.org", "password", PASSWORD);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
