package org.paasmaker.environment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Decides where the values come from, as the original's interfaces did: the variables when both
 * {@code PM_METADATA} and {@code PM_SERVICES} are set, otherwise the first fallback file that exists.
 */
final class EnvironmentLoader {

    static final String METADATA = "PM_METADATA";
    static final String SERVICES = "PM_SERVICES";
    static final String PORT = "PM_PORT";

    /** The original's interfaces (Python, PHP, Ruby) listened here when a fallback file named no port. */
    static final int DEFAULT_FILE_PORT = 9001;

    private static final String FILE_LAYOUT = "a mapping with application, services, workspace, node and port"
            + " (the original's fallback layout)";

    private EnvironmentLoader() {
    }

    static PaasmakerEnvironment load(Map<String, String> variables, List<Path> fallbackFiles) {
        return find(variables, fallbackFiles).orElseThrow(() -> new EnvironmentException(
                "no Paasmaker environment: neither " + METADATA + " nor " + SERVICES + " is set (Paasmaker sets both"
                        + " for every instance)" + filesTried(fallbackFiles)));
    }

    /**
     * Empty only when neither variable is set and no fallback file exists: the application runs
     * outside Paasmaker. One variable without the other, with no file to fall back on, is an error.
     */
    static Optional<PaasmakerEnvironment> find(Map<String, String> variables, List<Path> fallbackFiles) {
        boolean metadata = variables.containsKey(METADATA);
        boolean services = variables.containsKey(SERVICES);
        if (metadata && services) {
            return Optional.of(fromVariables(variables));
        }
        for (Path file : fallbackFiles) {
            if (Files.exists(file)) {
                return Optional.of(fromFile(file));
            }
        }
        if (metadata || services) {
            String missing = metadata ? SERVICES : METADATA;
            throw new EnvironmentException(missing + " is not set, though " + (metadata ? METADATA : SERVICES)
                    + " is: Paasmaker sets both for every instance (" + SERVICES + " to {} when there are no"
                    + " services)" + filesTried(fallbackFiles));
        }
        return Optional.empty();
    }

    private static PaasmakerEnvironment fromVariables(Map<String, String> variables) {
        String objectOfServices = "a JSON object of the services by name";
        Map<String, Object> metadata = Documents.root(JsonReader.read(variables.get(METADATA), METADATA), METADATA,
                "a JSON object with application, node and workspace");
        Map<String, Object> services = Documents.root(JsonReader.read(variables.get(SERVICES), SERVICES), SERVICES,
                objectOfServices);
        return new PaasmakerEnvironment(Documents.metadata(metadata, METADATA), Documents.services(services, SERVICES),
                port(variables), Optional.empty());
    }

    /** PM_PORT is absent for a standalone instance; when present it must be a port, digits only. */
    private static OptionalInt port(Map<String, String> variables) {
        String text = variables.get(PORT);
        if (text == null) {
            return OptionalInt.empty();
        }
        if (text.matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return OptionalInt.of(port);
            }
        }
        throw new EnvironmentException(PORT + " is '" + text + "', expected an integer from 1 to 65535");
    }

    private static PaasmakerEnvironment fromFile(Path file) {
        String source = "fallback file " + file;
        Object document = YamlReader.read(read(file, source), source);
        if (document == null) {
            throw new EnvironmentException(source + " is empty, expected " + FILE_LAYOUT);
        }
        Map<String, Object> root = Documents.root(document, source, FILE_LAYOUT);
        Map<String, Service> services = Documents.services(Documents.mapping(root, "services", source, false), source);
        return new PaasmakerEnvironment(Documents.metadata(root, source), services, OptionalInt.of(filePort(root, source)),
                Optional.of(file));
    }

    private static int filePort(Map<String, Object> root, String source) {
        if (!root.containsKey("port")) {
            return DEFAULT_FILE_PORT;
        }
        Object value = root.get("port");
        if (value instanceof Long port && port >= 1 && port <= 65535) {
            return port.intValue();
        }
        String shown = value instanceof Long ? value.toString() : Values.kind(value);
        throw new EnvironmentException(source + ": 'port' is " + shown + ", expected an integer from 1 to 65535"
                + " (or no port, for " + DEFAULT_FILE_PORT + ")");
    }

    /** The file's text, which must be UTF-8: a wrong byte is an error rather than a replaced character. */
    private static String read(Path file, String source) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new EnvironmentException(source + " is not UTF-8 text: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EnvironmentException("cannot read the " + source + ": " + e, e);
        }
    }

    private static String filesTried(List<Path> fallbackFiles) {
        if (fallbackFiles.isEmpty()) {
            return ", and no fallback file was given; outside Paasmaker, give fallback files in the original's"
                    + " YAML layout to PaasmakerEnvironment.fromSystem(List)";
        }
        return ", and none of the fallback files exists: "
                + fallbackFiles.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
