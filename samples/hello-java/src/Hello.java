import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers every request with the metadata and services Paasmaker handed it. {@code /tick} is the
 * web-cron the manifest declares: it wants the manifest's basic-auth pair, and counts its calls.
 */
public final class Hello {

    private static final String CRON_AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("cron:tick-tock".getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PM_PORT", "8000"));
        AtomicInteger ticks = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> answer(exchange, 200, "Hello from hello-java on port " + port + "\n"
                + "PM_METADATA=" + System.getenv().getOrDefault("PM_METADATA", "{}") + "\n"
                + "PM_SERVICES=" + System.getenv().getOrDefault("PM_SERVICES", "{}") + "\n"));
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

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
