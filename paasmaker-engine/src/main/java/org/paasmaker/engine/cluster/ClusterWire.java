package org.paasmaker.engine.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.manifest.PluginSpec;
import org.paasmaker.api.manifest.RuntimeSpec;
import org.paasmaker.api.node.InstanceStart;
import org.paasmaker.api.node.NodeProfile;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.rest.Problem;

/**
 * What the controller and its node agents say to each other, as JSON: registration, reports, the node
 * verbs' arguments and answers, and errors, which keep their {@link ErrorCode} across the wire.
 */
public final class ClusterWire {

    /** Whole numbers read as {@code Long}, as the manifest's parser gives plugin parameters. */
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.USE_LONG_FOR_INTS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ClusterWire() {
    }

    /** An agent introduces itself: its name, what it is, and where it serves the node verbs. */
    public record Registration(String name, String url, NodeProfile profile) {
    }

    /** An agent's whole state: what it is, the instances it finds alive, and its time (ISO-8601). */
    public record Report(NodeProfile profile, List<String> running, String time) {
    }

    /** A failure as problem+json: its code's wire name is the type, its message the detail. */
    public static Problem problem(PaasmakerException e) {
        return Problem.of(e.code(), e.getMessage(), List.of());
    }

    /** The failure a problem tells of, with the same code and message. */
    public static PaasmakerException exception(Problem problem) {
        return new PaasmakerException(ErrorCode.fromWire(problem.type()).orElse(ErrorCode.INTERNAL),
                problem.detail() == null ? problem.title() : problem.detail());
    }

    /** {@code register}'s arguments. */
    public record Registering(String checksum, boolean needsPort) {
    }

    /** A whole number or none: a port, an exit status. */
    public record OptionalNumber(Integer value) {

        public static OptionalNumber of(OptionalInt number) {
            return new OptionalNumber(number.isPresent() ? number.getAsInt() : null);
        }

        public OptionalInt optional() {
            return value == null ? OptionalInt.empty() : OptionalInt.of(value);
        }
    }

    /** A yes or no. */
    public record Flag(boolean value) {
    }

    /** Lines of an instance's log and where the next read starts. */
    public record Lines(String text, long next) {
    }

    /** The instances an agent finds alive. */
    public record Running(List<String> instances) {
    }

    /** One event of a start as the agent streams it: a line of output, or the end (done, or a failure). */
    public record StartEvent(String log, Boolean done, Problem failure) {
    }

    /** {@link InstanceStart} on the wire. */
    public record Start(String name, String runtime, String version, Map<String, Object> parameters,
            List<Startup> startup, Integer port, Map<String, String> environment) {

        public static Start of(InstanceStart start) {
            List<Startup> startup = new ArrayList<>();
            for (PluginSpec step : start.startup()) {
                startup.add(new Startup(step.plugin(), step.parameters().asMap(), step.name().orElse(null)));
            }
            RuntimeSpec runtime = start.runtime();
            return new Start(start.name(), runtime.plugin(), runtime.version(), runtime.parameters().asMap(), startup,
                    start.port().isPresent() ? start.port().getAsInt() : null, start.environment());
        }

        public InstanceStart instanceStart() {
            List<PluginSpec> steps = startup == null ? List.of() : startup.stream()
                    .map(step -> new PluginSpec(step.plugin(), PluginParameters.of(orEmpty(step.parameters())),
                            Optional.ofNullable(step.name())))
                    .toList();
            return new InstanceStart(name, new RuntimeSpec(runtime, version, PluginParameters.of(orEmpty(parameters))),
                    steps, port == null ? OptionalInt.empty() : OptionalInt.of(port),
                    environment == null ? Map.of() : environment);
        }
    }

    /** A startup command on the wire. */
    public record Startup(String plugin, Map<String, Object> parameters, String name) {
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a body; what is not the JSON expected is an {@code INVALID_REQUEST} saying what was expected. */
    public static <T> T read(InputStream in, Class<T> type) {
        try {
            T value = JSON.readValue(in, type);
            if (value == null) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the body is empty; expected " + what(type));
            }
            return value;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "the body is not " + what(type) + ": "
                    + e.getMessage(), e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "not " + what(type) + ": " + e.getMessage(), e);
        }
    }

    private static String what(Class<?> type) {
        return "a " + type.getSimpleName() + " as JSON";
    }
}
