package org.paasmaker.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.paasmaker.api.routing.RouterStatistics;
import org.paasmaker.api.routing.RoutingTable;

/**
 * The wire fixtures: for each record of REST API v1, an exact JSON body in {@code rest/*.json}. The api's
 * test checks that Jackson (the client) reads and writes each one unchanged, the server's that JSON-B
 * writes the same record as the same JSON, and the client's tests serve them as a server would.
 */
public final class WireFixtures {

    /** One fixture: its file under {@code rest/} and the record it holds. */
    public record Fixture(String file, Class<?> type) {

        /** The fixture's JSON text. */
        public String json() {
            return WireFixtures.read(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final List<Fixture> ALL = List.of(
            new Fixture("health-json.json", HealthJson.class),
            new Fixture("health-json-disk-low.json", HealthJson.class),
            new Fixture("controller-json.json", ControllerJson.class),
            new Fixture("disk-json.json", DiskJson.class),
            new Fixture("application-disk-json.json", DiskJson.ApplicationDiskJson.class),
            new Fixture("workspace-json.json", WorkspaceJson.class),
            new Fixture("workspace-request.json", WorkspaceRequest.class),
            new Fixture("application-json.json", ApplicationJson.class),
            new Fixture("version-json.json", VersionJson.class),
            new Fixture("version-json-summary.json", VersionJson.class),
            new Fixture("version-accepted.json", VersionAccepted.class),
            new Fixture("new-version-request.json", NewVersionRequest.class),
            new Fixture("instance-json.json", InstanceJson.class),
            new Fixture("instance-json-standalone.json", InstanceJson.class),
            new Fixture("instance-log-lines.json", InstanceLogLines.class),
            new Fixture("service-json.json", ServiceJson.class),
            new Fixture("service-json-masked.json", ServiceJson.class),
            new Fixture("job-json.json", JobJson.class),
            new Fixture("job-accepted.json", JobAccepted.class),
            new Fixture("job-aborted.json", JobAborted.class),
            new Fixture("job-state-change.json", JobStateChange.class),
            new Fixture("job-log-lines.json", JobLogLines.class),
            new Fixture("batch-execution-json.json", BatchExecutionJson.class),
            new Fixture("node-json.json", NodeJson.class),
            new Fixture("plugin-json.json", PluginJson.class),
            new Fixture("runtime-json.json", RuntimeJson.class),
            new Fixture("routing-table.json", RoutingTable.class),
            new Fixture("certificate-json.json", CertificateJson.class),
            new Fixture("certificate-json-acme.json", CertificateJson.class),
            new Fixture("certificate-upload.json", CertificateUpload.class),
            new Fixture("router-statistics.json", RouterStatistics.class),
            new Fixture("user-json.json", UserJson.class),
            new Fixture("user-request.json", UserRequest.class),
            new Fixture("api-key-json.json", ApiKeyJson.class),
            new Fixture("api-key-request.json", ApiKeyRequest.class),
            new Fixture("issued-api-key-json.json", IssuedApiKeyJson.class),
            new Fixture("login-request.json", LoginRequest.class),
            new Fixture("role-json.json", RoleJson.class),
            new Fixture("role-request.json", RoleRequest.class),
            new Fixture("grant-json.json", GrantJson.class),
            new Fixture("grant-json-global.json", GrantJson.class),
            new Fixture("grant-request.json", GrantRequest.class),
            new Fixture("audit-entry-json.json", AuditEntryJson.class),
            new Fixture("session-json.json", SessionJson.class),
            new Fixture("password-request.json", PasswordRequest.class),
            new Fixture("problem-invalid-manifest.json", Problem.class),
            new Fixture("problem-not-found.json", Problem.class));

    private WireFixtures() {
    }

    public static List<Fixture> all() {
        return ALL;
    }

    /** The text of {@code rest/<file>}. */
    public static String read(String file) {
        try (InputStream in = WireFixtures.class.getResourceAsStream("/rest/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("there is no wire fixture rest/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
