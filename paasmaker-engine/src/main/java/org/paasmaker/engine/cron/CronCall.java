package org.paasmaker.engine.cron;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.paasmaker.api.manifest.CronSpec;

/**
 * Calls a cron's URI on an instance: a GET, with basic auth when the cron names a user, following no
 * redirects, and given up after the timeout, whether the wait is for the headers or for the body.
 */
final class CronCall {

    static final int BODY_START_BYTES = 1024;

    private final HttpClient http;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;

    /** @param http a client that follows no redirects */
    CronCall(HttpClient http, ScheduledExecutorService deadlines, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Starts the call; its result never completes exceptionally, a failure is a failed result. */
    InFlight start(URI target, CronSpec spec) {
        long started = System.nanoTime();
        HttpRequest request;
        try {
            request = request(target, spec);
        } catch (IllegalArgumentException e) {
            CompletableFuture<CallResult> refused = CompletableFuture.completedFuture(
                    CallResult.failed("cannot call '" + spec.uri() + "' on " + target + ": " + e.getMessage(), 0));
            return new InFlight(refused, refused, started);
        }
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request, response -> new BodyStart(BODY_START_BYTES));
        CompletableFuture<CallResult> result = exchange.handle((response, failure) -> failure == null
                ? CallResult.answered(response.statusCode(), millisSince(started), response.body())
                : CallResult.failed(describe(failure), millisSince(started)));
        InFlight call = new InFlight(exchange, result, started);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> call.abandon("no complete answer within " + seconds()),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((done, failure) -> deadline.cancel(false));
        return call;
    }

    private HttpRequest request(URI target, CronSpec spec) {
        String base = target.toString().replaceAll("/+$", "");
        String path = spec.uri().startsWith("/") ? spec.uri() : "/" + spec.uri();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(timeout);
        spec.username().ifPresent(user -> {
            String pair = user + ":" + spec.password().orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        });
        return request.build();
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "no complete answer within " + seconds();
        }
        return cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** A call under way. */
    static final class InFlight {

        private final CompletableFuture<?> exchange;
        private final CompletableFuture<CallResult> result;
        private final long started;

        private InFlight(CompletableFuture<?> exchange, CompletableFuture<CallResult> result, long started) {
            this.exchange = exchange;
            this.result = result;
            this.started = started;
        }

        CompletableFuture<CallResult> result() {
            return result;
        }

        /** Ends the call as failed for the reason, unless it has ended already, and drops its connection. */
        void abandon(String reason) {
            if (result.complete(CallResult.failed(reason, millisSince(started)))) {
                exchange.cancel(true);
            }
        }
    }
}
