package org.paasmaker.engine.cron;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.paasmaker.api.store.CronLedgerRepository;

/**
 * Runs the web-crons: every few seconds it asks the {@link CronTargets} which crons exist, and calls
 * each one whose slot has come on one running instance of its type. A slot runs at most once, even
 * across restarts: the ledger records it before the call starts. Slots that passed unhandled (the
 * engine was down) are logged as missed, and a slot that comes while the cron's previous run is still
 * going is logged as skipped, so runs of one cron never overlap. A slow cron never delays another.
 *
 * <p>Nothing a cron does stops the runner: failures go to the cron's log, and what cannot go there
 * (the log itself failing) to the warnings.
 */
public final class CronRunner implements AutoCloseable {

    /** As long as the original Paasmaker waited for a cron's answer. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(300);
    // A slot is a minute; checking a few times a minute runs it within seconds of its start.
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final CronTargets targets;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final CronLedgerRepository ledger;
    private final CronLog log;
    private final ScheduledExecutorService checks;
    private final ExecutorService httpThreads;
    private final CronCall calls;
    private final Map<String, CronCall.InFlight> running = new ConcurrentHashMap<>();
    private boolean started;
    private boolean closed;

    /**
     * @param directory holds the ledger and the logs, one file of each per cron
     * @param clock tells the slots; they are minutes in UTC whatever its zone
     * @param warnings hears, in words for an operator, what cannot be written to a cron's log
     */
    public CronRunner(CronTargets targets, Path directory, Clock clock, Consumer<String> warnings) {
        this(targets, directory, Optional.empty(), clock, warnings, CALL_TIMEOUT);
    }

    /** @param sharedLedger the ledger of a store several controllers share; else one in {@code directory} */
    public CronRunner(CronTargets targets, Path directory, Optional<CronLedgerRepository> sharedLedger, Clock clock,
            Consumer<String> warnings) {
        this(targets, directory, sharedLedger, clock, warnings, CALL_TIMEOUT);
    }

    CronRunner(CronTargets targets, Path directory, Clock clock, Consumer<String> warnings, Duration callTimeout) {
        this(targets, directory, Optional.empty(), clock, warnings, callTimeout);
    }

    CronRunner(CronTargets targets, Path directory, Optional<CronLedgerRepository> sharedLedger, Clock clock,
            Consumer<String> warnings, Duration callTimeout) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.ledger = sharedLedger.orElseGet(() -> new CronLedger(directory));
        this.log = new CronLog(directory);
        this.checks = Executors.newSingleThreadScheduledExecutor(daemonThreads("paasmaker-cron-check"));
        this.httpThreads = Executors.newCachedThreadPool(daemonThreads("paasmaker-cron-http"));
        HttpClient http = HttpClient.newBuilder()
                .executor(httpThreads)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(callTimeout)
                .build();
        this.calls = new CronCall(http, checks, callTimeout);
    }

    /**
     * Starts checking for due crons, now and every few seconds until {@link #close()}, while
     * {@code leading} says so: of the controllers sharing a store, only the lease holder calls crons.
     */
    public synchronized void start(BooleanSupplier leading) {
        if (closed || started) {
            throw new IllegalStateException(closed ? "the cron runner is closed" : "the cron runner runs already");
        }
        started = true;
        checks.scheduleWithFixedDelay(() -> {
            if (leading.getAsBoolean()) {
                runDueOrWarn();
            }
        }, 0, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Handles every slot due by the clock's time: logs the missed ones, and starts the latest one's
     * call (or logs why it is skipped). Returns without waiting for the calls.
     *
     * @return how many calls it started
     */
    synchronized int runDue() {
        if (closed) {
            return 0;
        }
        Instant now = clock.instant();
        int calls = 0;
        for (CronJob job : targets.crons()) {
            try {
                calls += check(job, now) ? 1 : 0;
            } catch (RuntimeException e) {
                append(CronLogEntry.notCalled(now, now, job, CronOutcome.FAILED, "cannot check the cron: " + e.getMessage()));
            }
        }
        return calls;
    }

    /** The last lines of a cron's log, oldest first: one JSON object per line. */
    public List<String> log(String key, int lastLines) {
        return log.tail(CronJob.checkKey(key), lastLines);
    }

    /** Stops checking, and ends the calls under way as failed. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        checks.shutdownNow();
        running.values().forEach(call -> call.abandon("the cron runner stopped during the call"));
        httpThreads.shutdownNow();
        try {
            checks.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            httpThreads.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runDueOrWarn() {
        try {
            runDue();
        } catch (RuntimeException e) {
            // Thrown out of here, it would cancel every later check.
            warnings.accept("Cannot check the crons: " + e.getMessage() + "; trying again in " + CHECK_INTERVAL.toSeconds() + " s.");
        }
    }

    /** Whether it started a call. */
    private boolean check(CronJob job, Instant now) {
        Optional<Instant> lastHandled = ledger.lastHandled(job.key());
        SlotPlan plan = SlotPlan.of(job.spec().runspec(), lastHandled, now);
        if (!lastHandled.equals(Optional.of(plan.handledThrough()))
                && !ledger.advance(job.key(), lastHandled, plan.handledThrough())) {
            // Another controller handled these slots a moment ago: it logs and runs them.
            return false;
        }
        plan.unlisted().ifPresent(slots -> append(CronLogEntry.notCalled(now, slots.first(), job, CronOutcome.MISSED,
                slots.count() + " slots from " + slots.first() + " to " + slots.last()
                        + " passed while the engine was not running or not checking")));
        for (Instant slot : plan.missed()) {
            append(CronLogEntry.notCalled(now, slot, job, CronOutcome.MISSED,
                    "the slot passed while the engine was not running or not checking"));
        }
        return plan.due().map(slot -> run(job, slot, now)).orElse(false);
    }

    /** Whether it started a call. */
    private boolean run(CronJob job, Instant slot, Instant now) {
        if (running.containsKey(job.key())) {
            append(CronLogEntry.notCalled(now, slot, job, CronOutcome.SKIPPED, "the previous run is still going"));
            return false;
        }
        Optional<URI> target = targets.target(job.key());
        if (target.isEmpty()) {
            append(CronLogEntry.notCalled(now, slot, job, CronOutcome.SKIPPED, "no running instance"));
            return false;
        }
        CronCall.InFlight call = calls.start(target.get(), job.spec());
        running.put(job.key(), call);
        call.result().whenComplete((result, failure) -> {
            // Logged before it stops counting as running: whoever sees it ended finds its line.
            append(CronLogEntry.called(now, slot, job,
                    failure == null ? result : CallResult.failed("unexpected: " + failure, 0)));
            running.remove(job.key(), call);
        });
        return true;
    }

    private void append(CronLogEntry entry) {
        try {
            log.append(entry);
        } catch (RuntimeException e) {
            warnings.accept("Cannot log that the cron '" + entry.job().key() + "' was " + entry.outcome().wireName()
                    + " at " + entry.slot() + ": " + e.getMessage());
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
