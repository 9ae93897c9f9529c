import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.paasmaker.environment.Metadata;
import org.paasmaker.environment.PaasmakerEnvironment;

/**
 * Answers every request with the metadata and services Paasmaker handed it, read through
 * {@link PaasmakerEnvironment} (lib/paasmaker-environment.jar): under Paasmaker from PM_METADATA,
 * PM_SERVICES and PM_PORT, elsewhere from paasmaker-local.yml. {@code /tick} is the web-cron the
 * manifest declares: it wants the manifest's basic-auth pair, and counts its calls.
 */
public final class Hello {

    private static final String CRON_AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("cron:tick-tock".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws IOException {
        PaasmakerEnvironment environment = PaasmakerEnvironment.fromSystem(List.of(Path.of("paasmaker-local.yml")));
        // A port given by hand wins, to run the prepared code anywhere: java -cp lib/...:classes Hello 8001.
        int port = args.length > 0 ? Integer.parseInt(args[0]) : environment.port()
                .orElseThrow(() -> new IllegalStateException("no PM_PORT: a web instance is given one"));
        String page = "Hello from hello-java on port " + port + "\n"
                + "PM_METADATA=" + json(metadata(environment.metadata())) + "\n"
                + "PM_SERVICES=" + json(services(environment)) + "\n";
        AtomicInteger ticks = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> answer(exchange, 200, page));
        server.createContext("/tick", exchange -> {
            if (!CRON_AUTHORIZATION.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"cron\"");
                answer(exchange, 401, "the cron's username and password are wrong\n");
                return;
            }
            int count = ticks.incrementAndGet();
            System.out.println("tick " + count);
            answer(exchange, 200, "ticked " + count + "\n");
        });
        server.start();
    }

    /** PM_METADATA's layout again, from the typed values (a fallback file has no ids). */
    private static Map<String, Object> metadata(Metadata metadata) {
        Map<String, Object> application = new LinkedHashMap<>();
        metadata.applicationId().ifPresent(id -> application.put("application_id", id));
        application.put("name", metadata.applicationName());
        application.put("version", metadata.versionNumber());
        metadata.versionId().ifPresent(id -> application.put("version_id", id));
        application.put("workspace", metadata.workspaceName());
        application.put("workspace_stub", metadata.workspaceStub());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("application", application);
        all.put("node", metadata.nodeTags());
        all.put("workspace", metadata.workspaceTags());
        return all;
    }

    private static Map<String, Object> services(PaasmakerEnvironment environment) {
        Map<String, Object> all = new LinkedHashMap<>();
        environment.services().forEach((name, service) -> all.put(name, service.parameters()));
        return all;
    }

    /** Compact JSON, as Paasmaker writes the variables, so the page shows what the instance was given. */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> json(entry.getKey().toString()) + ":" + json(entry.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Hello::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> out.append(c < 0x20 ? String.format("\\u%04X", (int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }
        return String.valueOf(value);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
