package org.paasmaker.engine.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import org.paasmaker.api.application.Application;
import org.paasmaker.api.application.ApplicationId;
import org.paasmaker.api.instance.Instance;
import org.paasmaker.api.instance.InstanceId;
import org.paasmaker.api.instance.InstanceState;
import org.paasmaker.api.service.ApplicationService;
import org.paasmaker.api.service.ServiceId;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.version.VersionState;
import org.paasmaker.api.workspace.Workspace;
import org.paasmaker.api.workspace.WorkspaceId;

/**
 * A {@link FileStoreSnapshot} as the JSON of the store file, field by field, so the file's format is
 * ours rather than whatever a library makes of a record: instants are ISO-8601 text, an empty
 * Optional is a missing field, and {@link #FORMAT} lets a later engine migrate an older file.
 */
final class FileStoreCodec {

    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FileStoreCodec() {
    }

    static byte[] encode(FileStoreSnapshot snapshot) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("nextId", snapshot.nextId());
        ObjectNode numbers = root.putObject("highestVersionNumbers");
        snapshot.highestVersionNumbers().forEach((application, number) -> numbers.put(application.toString(), number));
        encodeAll(root.putArray("workspaces"), snapshot.workspaces(), FileStoreCodec::workspace);
        encodeAll(root.putArray("applications"), snapshot.applications(), FileStoreCodec::application);
        encodeAll(root.putArray("versions"), snapshot.versions(), FileStoreCodec::version);
        encodeAll(root.putArray("services"), snapshot.services(), FileStoreCodec::service);
        encodeAll(root.putArray("instances"), snapshot.instances(), FileStoreCodec::instance);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON tree, which holds only plain values", e);
        }
    }

    /**
     * The snapshot the JSON holds; an {@link IOException} when it is not JSON, an
     * {@link IllegalArgumentException} (or a record's own refusal) when it is not a store's.
     */
    static FileStoreSnapshot decode(byte[] content) throws IOException {
        JsonNode root = JSON.readTree(content);
        if (!root.isObject()) {
            throw new IllegalArgumentException("it holds no JSON object");
        }
        int format = integer(root, "format", "the file");
        if (format != FORMAT) {
            throw new IllegalArgumentException("its format is " + format + ", and this engine reads format " + FORMAT);
        }
        JsonNode highest = field(root, "highestVersionNumbers", "the file");
        Map<Long, Integer> numbers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : highest.properties()) {
            numbers.put(Long.valueOf(entry.getKey()), integer(highest, entry.getKey(), "highestVersionNumbers"));
        }
        return new FileStoreSnapshot(whole(root, "nextId", "the file"), numbers,
                decodeAll(root, "workspaces", FileStoreCodec::workspace),
                decodeAll(root, "applications", FileStoreCodec::application),
                decodeAll(root, "versions", FileStoreCodec::version),
                decodeAll(root, "services", FileStoreCodec::service),
                decodeAll(root, "instances", FileStoreCodec::instance));
    }

    private static ObjectNode workspace(Workspace workspace, ObjectNode node) {
        node.put("id", workspace.id().value());
        node.put("name", workspace.name());
        node.put("stub", workspace.stub());
        node.set("tags", ParametersJson.encode(workspace.tags(), "workspace " + workspace.id() + " tags"));
        return node;
    }

    private static Workspace workspace(JsonNode node, String where) {
        return new Workspace(new WorkspaceId(id(node, where)), text(node, "name", where), text(node, "stub", where),
                ParametersJson.decode(field(node, "tags", where), where + ".tags"));
    }

    private static ObjectNode application(Application application, ObjectNode node) {
        node.put("id", application.id().value());
        node.put("workspaceId", application.workspaceId().value());
        node.put("name", application.name());
        node.set("tags", ParametersJson.encode(application.tags(), "application " + application.id() + " tags"));
        return node;
    }

    private static Application application(JsonNode node, String where) {
        return new Application(new ApplicationId(id(node, where)),
                new WorkspaceId(whole(node, "workspaceId", where)), text(node, "name", where),
                ParametersJson.decode(field(node, "tags", where), where + ".tags"));
    }

    private static ObjectNode version(ApplicationVersion version, ObjectNode node) {
        node.put("id", version.id().value());
        node.put("applicationId", version.applicationId().value());
        node.put("number", version.number());
        node.put("state", version.state().name());
        node.put("current", version.current());
        ObjectNode source = node.putObject("source");
        source.put("plugin", version.source().plugin());
        source.set("parameters", ParametersJson.encode(version.source().parameters(),
                "version " + version.id() + " source parameters"));
        node.put("manifestPath", version.manifestPath());
        node.put("manifestText", version.manifestText());
        version.packageChecksum().ifPresent(checksum -> node.put("packageChecksum", checksum));
        node.put("createdAt", version.createdAt().toString());
        version.releasedAt().ifPresent(at -> node.put("releasedAt", at.toString()));
        node.put("kept", version.kept());
        node.put("revision", version.revision());
        return node;
    }

    private static ApplicationVersion version(JsonNode node, String where) {
        JsonNode source = field(node, "source", where);
        return new ApplicationVersion(new VersionId(id(node, where)),
                new ApplicationId(whole(node, "applicationId", where)),
                integer(node, "number", where), VersionState.valueOf(text(node, "state", where)),
                bool(node, "current", where),
                new SourceSpec(text(source, "plugin", where + ".source"),
                        ParametersJson.decode(field(source, "parameters", where), where + ".source.parameters")),
                text(node, "manifestPath", where), text(node, "manifestText", where),
                optionalText(node, "packageChecksum", where),
                Instant.parse(text(node, "createdAt", where)),
                optionalText(node, "releasedAt", where).map(Instant::parse),
                // Absent in files written before versions could be kept.
                node.path("kept").asBoolean(false), revision(node, where));
    }

    private static ObjectNode service(ApplicationService service, ObjectNode node) {
        node.put("id", service.id().value());
        node.put("applicationId", service.applicationId().value());
        node.put("name", service.name());
        node.put("plugin", service.plugin());
        node.set("parameters", ParametersJson.encode(service.parameters(), "service " + service.id() + " parameters"));
        node.set("credentials", ParametersJson.encode(service.credentials(),
                "service " + service.id() + " credentials"));
        return node;
    }

    private static ApplicationService service(JsonNode node, String where) {
        return new ApplicationService(new ServiceId(id(node, where)),
                new ApplicationId(whole(node, "applicationId", where)), text(node, "name", where),
                text(node, "plugin", where),
                ParametersJson.decode(field(node, "parameters", where), where + ".parameters"),
                ParametersJson.decode(field(node, "credentials", where), where + ".credentials"));
    }

    private static ObjectNode instance(Instance instance, ObjectNode node) {
        node.put("id", instance.id().value());
        node.put("versionId", instance.versionId().value());
        node.put("instanceType", instance.instanceType());
        node.put("node", instance.node());
        node.put("state", instance.state().name());
        instance.port().ifPresent(port -> node.put("port", port));
        node.put("reason", instance.reason());
        node.put("createdAt", instance.createdAt().toString());
        instance.startedAt().ifPresent(startedAt -> node.put("startedAt", startedAt.toString()));
        node.put("restarts", instance.restarts());
        node.put("revision", instance.revision());
        return node;
    }

    private static Instance instance(JsonNode node, String where) {
        OptionalInt port = node.has("port") ? OptionalInt.of(integer(node, "port", where)) : OptionalInt.empty();
        return new Instance(new InstanceId(text(node, "id", where)),
                new VersionId(whole(node, "versionId", where)), text(node, "instanceType", where),
                text(node, "node", where), InstanceState.valueOf(text(node, "state", where)), port,
                text(node, "reason", where), Instant.parse(text(node, "createdAt", where)),
                optionalText(node, "startedAt", where).map(Instant::parse),
                // Records written before restarts were counted have none.
                node.has("restarts") ? integer(node, "restarts", where) : 0, revision(node, where));
    }

    private static <T> void encodeAll(ArrayNode array, List<T> records, BiFunction<T, ObjectNode, ObjectNode> encoder) {
        records.forEach(record -> array.add(encoder.apply(record, array.objectNode())));
    }

    private static <T> List<T> decodeAll(JsonNode root, String name, BiFunction<JsonNode, String, T> decoder) {
        JsonNode array = field(root, name, "the file");
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + name + "' is not a JSON array");
        }
        List<T> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            records.add(decoder.apply(array.get(i), name + "[" + i + "]"));
        }
        return records;
    }

    private static long id(JsonNode node, String where) {
        return whole(node, "id", where);
    }

    private static long whole(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(where + "." + name + " is not a whole number");
        }
        return value.longValue();
    }

    /** A record's revision; files written before records carried one hold them at the first. */
    private static long revision(JsonNode node, String where) {
        return node.has("revision") ? whole(node, "revision", where) : StoredRevisions.FIRST;
    }

    private static int integer(JsonNode node, String name, String where) {
        long value = whole(node, name, where);
        if (value != (int) value) {
            throw new IllegalArgumentException(where + "." + name + " is too large: " + value);
        }
        return (int) value;
    }

    private static boolean bool(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(where + "." + name + " is not true or false");
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode value = field(node, name, where);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + "." + name + " is not text");
        }
        return value.textValue();
    }

    private static Optional<String> optionalText(JsonNode node, String name, String where) {
        return node.has(name) ? Optional.of(text(node, name, where)) : Optional.empty();
    }

    private static JsonNode field(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + " has no '" + name + "'");
        }
        return value;
    }
}
