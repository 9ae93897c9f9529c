package org.paasmaker.engine.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.paasmaker.api.access.Actor;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.NotFoundException;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;
import org.paasmaker.engine.internal.DaemonThreads;

/**
 * Runs job trees. A root job runs on the executor; its steps run one after another inside it, each a
 * child job with its own log file under the jobs directory. A failed step fails every ancestor with
 * the step's reason; steps that never ran end as ABORTED, so a finished tree has no WAITING job.
 *
 * <p>Each tree is recorded in the store after it changes, off the job's thread, so that other
 * controllers sharing the store show it, and the next engine on this directory the trees this one
 * ran. That engine ends the trees left unfinished, as FAILED with a reason the user can act on, and
 * keeps only the newest {@value #KEPT_TREES} trees.
 *
 * <p>What happens in a tree is published to its subscribers ({@link #subscribe}) as it happens: state
 * changes and tags when they are made, a log's growth when the engine writes to it (a step's command's
 * output too: the engine reads it and writes it to the log, held to its {@link JobLogLimit}).
 */
public final class JobManager implements AutoCloseable {

    /** Enough to look back over weeks of a busy platform, little enough to read in well under a second at start-up. */
    static final int KEPT_TREES = 1000;
    /** The most a log read returns: a follower reads on from where it stopped. */
    static final int MAX_READ_BYTES = 1 << 20;

    static final Comparator<JobView> NEWEST_FIRST =
            Comparator.comparing(JobView::createdAt).thenComparing(tree -> tree.id().value()).reversed();

    private final Path directory;
    private final Clock clock;
    private final Executor executor;
    private final Consumer<String> warnings;
    /** This engine's files: the jobs' logs, and the trees' records of engines before the store kept them. */
    private final JobRecords records;
    private final JobRepository repository;
    /** Who runs the trees created here, as the store records it. */
    private final String controller;
    private final JobLogLimit logLimit;
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final Map<JobId, RootControl> roots = new ConcurrentHashMap<>();
    private final TreeRecorder recorder;
    private final ExecutorService deliveries;
    private final JobSubscriptions subscriptions;
    /** Who the trees created on this thread now are started by; unset on the engine's own threads. */
    private final ThreadLocal<String> starter = new ThreadLocal<>();

    /** A manager whose warnings about job records go to the engine's log, and whose events go out on daemon threads. */
    public JobManager(Path directory, Clock clock, Executor executor) {
        this(directory, clock, executor, DaemonThreads.named("paasmaker-job-events-"));
    }

    /**
     * @param deliveryThreads makes the threads that tell subscribers of changes: threads of their own, so
     *     that events go out at once even when every thread of {@code executor} is busy with (or waiting
     *     for) jobs, as a server's shared pool often is while it prepares
     */
    public JobManager(Path directory, Clock clock, Executor executor, ThreadFactory deliveryThreads) {
        this(directory, clock, executor, deliveryThreads, JobLogLimit.DEFAULT);
    }

    /** @param logLimit the most each job's log holds on disk: its beginning and its newest output */
    public JobManager(Path directory, Clock clock, Executor executor, ThreadFactory deliveryThreads,
            JobLogLimit logLimit) {
        this(directory, clock, executor, JobManager::logWarning, KEPT_TREES, deliveryThreads, logLimit,
                new JobRecords(directory, JobManager::logWarning), JobRecords.UNNAMED);
    }

    /**
     * @param repository where the trees are kept, for every controller sharing it to read; trees that an
     *     earlier release recorded in {@code directory} move there at start
     * @param controller the name of this controller there: the one whose lease says it is alive
     */
    public JobManager(Path directory, Clock clock, Executor executor, ThreadFactory deliveryThreads,
            JobLogLimit logLimit, JobRepository repository, String controller) {
        this(directory, clock, executor, JobManager::logWarning, KEPT_TREES, deliveryThreads, logLimit, repository,
                controller);
    }

    /**
     * @param warnings hears, in words for an operator, about job records that could not be read or written
     * @param keptTrees how many of the recorded trees, newest first, survive start-up
     */
    JobManager(Path directory, Clock clock, Executor executor, Consumer<String> warnings, int keptTrees) {
        this(directory, clock, executor, warnings, keptTrees, DaemonThreads.named("paasmaker-job-events-"),
                JobLogLimit.DEFAULT, new JobRecords(directory, warnings), JobRecords.UNNAMED);
    }

    JobManager(Path directory, Clock clock, Executor executor, Consumer<String> warnings, int keptTrees,
            ThreadFactory deliveryThreads, JobLogLimit logLimit, JobRepository repository, String controller) {
        this.directory = directory;
        this.logLimit = logLimit;
        this.clock = clock;
        this.executor = executor;
        this.warnings = warnings;
        this.records = new JobRecords(directory, warnings);
        this.repository = Objects.requireNonNull(repository, "repository");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.recorder = new TreeRecorder(this::save, executor, warnings);
        this.deliveries = Executors.newCachedThreadPool(deliveryThreads);
        this.subscriptions = new JobSubscriptions(deliveries, warnings);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot create the job log directory " + directory
                    + ": " + e.getMessage(), e);
        }
        restore(keptTrees);
    }

    /** The work of a root job: it runs its steps with {@link #runStep}. */
    @FunctionalInterface
    public interface RootAction {
        void run(Job root) throws Exception;
    }

    /**
     * Runs {@code verb} on this thread as {@code actor}: the trees it creates record the actor's name as
     * their starter. A tree created outside any such call, on the engine's own threads, records the
     * platform ({@link Actor#PLATFORM}); one created while a tree runs records that tree's starter.
     */
    public <T> T startedBy(Actor actor, Supplier<T> verb) {
        return startedBy(actor.name(), verb);
    }

    private <T> T startedBy(String name, Supplier<T> verb) {
        String before = starter.get();
        starter.set(name);
        try {
            return verb.get();
        } finally {
            restoreStarter(before);
        }
    }

    private void restoreStarter(String before) {
        if (before == null) {
            starter.remove();
        } else {
            starter.set(before);
        }
    }

    /** A root started by the platform, whoever's call leads to it: retention, the cleaning of stale files. */
    public Job createPlatformRoot(String title, Map<String, String> tags) {
        return startedBy(Actor.PLATFORM, () -> createRoot(title, tags));
    }

    public Job createRoot(String title, Map<String, String> tags) {
        Job root = newJob(null, title, tags);
        roots.put(root.id(), new RootControl());
        recorder.changed(root);
        return root;
    }

    public Job addChild(Job parent, String title) {
        Job child = newJob(parent, title, Map.of());
        parent.addChild(child);
        return child;
    }

    private Job newJob(Job parent, String title, Map<String, String> tags) {
        JobId id = JobId.random();
        Path log = records.logFile(id);
        try {
            Files.createFile(log);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot create the job log " + log + ": " + e.getMessage(), e);
        }
        Optional<String> by = Optional.of(Optional.ofNullable(starter.get()).orElse(Actor.PLATFORM));
        Job job = new Job(id, parent, title, tags, by, new JobLog(log, logLimit, true), clock.instant(), changed -> recorder.changed(changed.root()),
                subscriptions::publish);
        jobs.put(id, job);
        return job;
    }

    /** Starts the root job on the executor; returns at once. */
    public JobId submit(Job root, RootAction action) {
        return submitAfter(CompletableFuture.completedFuture(null), root, action, () -> { });
    }

    /**
     * Runs the root job on the calling thread and returns it as it ended: for work that must end before
     * the caller goes on at a time the executor may run nothing yet (an application server runs none of
     * an application's tasks until the application has started, and the engine is built during that start).
     */
    public JobView run(Job root, RootAction action) {
        control(root).submitted = true;
        boolean interrupted = Thread.currentThread().isInterrupted();
        runRoot(root, control(root), action, () -> { });
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return get(root.id());
    }

    /**
     * Runs the root job once {@code previous} has completed (it waits as WAITING until then), and
     * {@code afterwards} when it has ended, however it ended, before anyone awaiting it hears of the end.
     */
    public JobId submitAfter(CompletionStage<?> previous, Job root, RootAction action, Runnable afterwards) {
        RootControl control = control(root);
        control.submitted = true;
        previous.whenComplete((ignored, failure) -> {
            try {
                executor.execute(() -> runRoot(root, control, action, afterwards));
            } catch (RejectedExecutionException e) {
                endUnfinished(root, "not run: the engine is shutting down");
                root.finish(JobState.ABORTED, "the engine is shutting down", clock.instant());
                afterwards.run();
                control.done.complete(root.view());
            }
        });
        return root.id();
    }

    private void runRoot(Job root, RootControl control, RootAction action, Runnable afterwards) {
        control.thread = Thread.currentThread();
        JobState outcome = JobState.FAILED;
        String why = "internal error";
        try {
            if (control.aborted) {
                throw abortedError(root);
            }
            root.start(clock.instant());
            // The trees its work creates (a deploy stopping the version it replaced) are started by the same actor.
            String before = starter.get();
            starter.set(root.startedBy().orElse(Actor.PLATFORM));
            try {
                action.run(root);
            } finally {
                restoreStarter(before);
            }
            outcome = JobState.SUCCESS;
            why = "";
        } catch (StepFailedException e) {
            outcome = outcomeOf(e.failure());
            why = e.step() == root ? e.getMessage() : reason(e);
        } catch (PaasmakerException e) {
            outcome = outcomeOf(e);
            why = e.getMessage();
            appendLog(root, e.getMessage());
        } catch (Exception | Error e) {
            why = "internal error: " + e;
            appendLog(root, stackTrace(e));
        } finally {
            Thread.interrupted();
            control.thread = null;
            if (control.stopReason != null) {
                // In the same words whichever step the stop cut short, as when the next engine settles the tree.
                outcome = JobState.FAILED;
                why = control.stopReason.getMessage();
            }
            try {
                // Children first: whoever sees the root finished may take the whole tree as finished.
                endUnfinished(root, control.stopReason != null ? StoppedJobs.NOT_RUN
                        : "not run: the job " + (control.aborted ? "was aborted" : "failed before this step"));
                root.finish(outcome, why, clock.instant());
                afterwards.run();
            } finally {
                control.done.complete(root.view());
            }
        }
    }

    /**
     * Runs one step of a running root, in the calling thread: marks it running, gives it a context
     * with its working directory and environment, and records its outcome. A failure is rethrown so
     * the steps after it do not run.
     */
    public void runStep(Job step, Path workingDirectory, Map<String, String> environment, StepAction action) {
        if (isAborted(step)) {
            throw new StepFailedException(step, abortedError(step));
        }
        step.start(clock.instant());
        try {
            action.run(new JobStepContext(this, step, workingDirectory, environment));
            step.finish(JobState.SUCCESS, "", clock.instant());
        } catch (StepFailedException e) {
            endUnfinished(step, "not run: " + reason(e));
            step.finish(outcomeOf(e.failure()), reason(e), clock.instant());
            throw e;
        } catch (PaasmakerException e) {
            PaasmakerException failure = isAborted(step) ? abortedError(step) : e;
            appendLog(step, failure.getMessage());
            step.finish(outcomeOf(failure), failure.getMessage(), clock.instant());
            throw new StepFailedException(step, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            PaasmakerException aborted = abortedError(step);
            step.finish(outcomeOf(aborted), aborted.getMessage(), clock.instant());
            throw new StepFailedException(step, aborted);
        } catch (Exception e) {
            appendLog(step, stackTrace(e));
            PaasmakerException failure = isAborted(step) ? abortedError(step)
                    : new PaasmakerException(ErrorCode.INTERNAL, "internal error: " + e, e);
            step.finish(outcomeOf(failure), failure.getMessage(), clock.instant());
            throw new StepFailedException(step, failure);
        }
    }

    /** Runs a step whose processes, if any, need no particular directory or environment. */
    public void runStep(Job step, StepAction action) {
        runStep(step, directory, Map.of(), action);
    }

    /** Runs a step that only groups other steps: it succeeds when all of them do. */
    public void runGroup(Job group, Runnable steps) {
        runStep(group, context -> steps.run());
    }

    public Optional<JobView> find(JobId id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::view);
    }

    public JobView get(JobId id) {
        return find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    /**
     * Tells the listener of every change to the job and its descendants from now on: states, tags and
     * log growth. Read the job's state after subscribing, so that no change falls between the two. The
     * listener is never called on a job's thread; close the subscription when done with it.
     */
    public JobSubscription subscribe(JobId id, JobListener listener) {
        return subscriptions.subscribe(job(id), listener);
    }

    /**
     * The job's log from byte {@code from} on, up to its end as it stands now (at most
     * {@value #MAX_READ_BYTES} bytes; read on from {@link LogText#next()}).
     */
    public LogText log(JobId id, long from) {
        return read(id, from, false);
    }

    /**
     * Like {@link #log(JobId, long)}, but only whole lines: up to the last newline, so that a line a
     * running job is still writing is read whole later. A line longer than a read's limit comes in pieces.
     */
    public LogText logLines(JobId id, long from) {
        return read(id, from, true);
    }

    private LogText read(JobId id, long from, boolean wholeLines) {
        Job job = job(id);
        if (from < 0) {
            throw new IllegalArgumentException("a log is read from offset 0 or later, not " + from);
        }
        try {
            return job.log().read(from, MAX_READ_BYTES, wholeLines);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** The job's log as it stands now (it grows while the job runs). */
    public String log(JobId id) {
        Job job = job(id);
        try {
            return job.log().text();
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the log of job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Aborts the tree the job belongs to: running commands end, steps not yet run never start. Returns
     * false when the tree had already finished.
     */
    public boolean abort(JobId id) {
        return abort(job(id).root(), null);
    }

    /**
     * Ends the tree the job belongs to at once because the engine stops: like {@link #abort}, but the
     * tree ends as FAILED with the words a tree left unfinished by a stopped engine gets, so that the
     * user knows to run the action again. Returns false when the tree had already finished.
     */
    public boolean stopForShutdown(JobId id) {
        return abort(job(id).root(), new PaasmakerException(ErrorCode.UNAVAILABLE, StoppedJobs.STOPPED));
    }

    /**
     * Ends every unfinished tree as {@link #stopForShutdown} does, and waits for the running ones to
     * end, at most {@code limit}: those that have not ended by then are recorded as running, and the
     * next engine settles them the same way. A queued tree ends so once its turn comes.
     */
    public void stopAllForShutdown(Duration limit) {
        List<RootControl> stopped = new ArrayList<>();
        roots.forEach((id, control) -> {
            // A root never submitted has nothing that would end it.
            boolean running = jobs.get(id).state() == JobState.RUNNING;
            if (control.submitted && stopForShutdown(id) && running) {
                stopped.add(control);
            }
        });
        CompletableFuture<?> all = CompletableFuture.allOf(stopped.stream().map(control -> control.done)
                .toArray(CompletableFuture[]::new));
        try {
            all.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // What did not end is recorded as running; the next engine settles it.
        }
    }

    /**
     * Ends every unfinished tree at once as FAILED with {@code why}, without waiting for them: for when
     * another controller may have ended them in the store already, this one having stopped answering.
     */
    public void endAll(String why) {
        roots.forEach((id, control) -> {
            if (control.submitted) {
                abort(jobs.get(id), new PaasmakerException(ErrorCode.UNAVAILABLE, why));
            }
        });
    }

    private boolean abort(Job root, PaasmakerException because) {
        RootControl control = control(root);
        if (control.done.isDone()) {
            return false;
        }
        if (because != null && control.stopReason == null) {
            control.stopReason = because;
        }
        control.aborted = true;
        appendLog(root, because == null ? "Abort requested." : because.getMessage());
        control.abortHooks.forEach(Runnable::run);
        Thread running = control.thread;
        if (running != null) {
            running.interrupt();
        }
        return true;
    }

    /** Completes, with the tree as it ended, once the job's tree has finished; nothing waits for it. */
    public CompletionStage<JobView> whenFinished(JobId id) {
        return control(job(id).root()).done.minimalCompletionStage();
    }

    /** Waits until the job's tree has finished, and returns the job as it ended. */
    public JobView await(JobId id, Duration timeout) {
        RootControl control = control(job(id).root());
        try {
            control.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return get(id);
        } catch (TimeoutException e) {
            throw new PaasmakerException(ErrorCode.CONFLICT,
                    "job " + id + " had not finished after " + timeout.toSeconds() + " s; it is " + get(id).state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaasmakerException(ErrorCode.ABORTED, "interrupted while waiting for job " + id, e);
        } catch (ExecutionException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "job " + id + " ended abnormally", e);
        }
    }

    /**
     * Saves the trees' last changes and stops recording: the next engine finds them as they stand now.
     * The engine calls this before it stops its threads, so that jobs its shutdown cuts short show as
     * stopped by the engine, not as aborted by a user. The jobs themselves run on as long as the
     * executor lets them.
     */
    @Override
    public void close() {
        recorder.close();
        // What is queued still goes out; nothing new is taken.
        deliveries.shutdown();
    }

    void appendLog(Job job, String line) {
        byte[] bytes = (line.endsWith("\n") ? line : line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            appendOutput(job, bytes, bytes.length);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the log of job " + job.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Appends what a step's command wrote, and tells those who follow the job that its log grew. */
    void appendOutput(Job job, byte[] bytes, int length) throws IOException {
        JobLog log = job.log();
        long written;
        synchronized (log) {
            log.append(bytes, 0, length);
            written = log.length();
        }
        job.logWritten(written);
    }

    boolean isAborted(Job job) {
        return control(job.root()).aborted;
    }

    PaasmakerException abortedError(Job job) {
        PaasmakerException stopped = control(job.root()).stopReason;
        return stopped != null ? stopped : new PaasmakerException(ErrorCode.ABORTED, "the job was aborted");
    }

    JobStepContext.AbortRegistration onAbort(Job job, Runnable hook) {
        RootControl control = control(job.root());
        control.abortHooks.add(hook);
        if (control.aborted) {
            hook.run();
        }
        return () -> control.abortHooks.remove(hook);
    }

    /** What {@link #forget} removed: how many trees, and the bytes of their records and logs. */
    public record Forgotten(int trees, long bytes) {
    }

    /**
     * Forgets finished trees tagged {@code tag=value}: all but the {@code kept} newest, and of those any
     * that finished before {@code finishedBefore}. Their records and logs go from disk, their jobs from
     * memory; trees still running are never touched.
     */
    public Forgotten forget(String tag, String value, int kept, Instant finishedBefore) {
        List<JobView> trees = new ArrayList<>();
        for (JobId id : roots.keySet()) {
            Job root = jobs.get(id);
            JobView view = root == null ? null : root.view();
            if (view != null && value.equals(view.tags().get(tag))) {
                trees.add(view);
            }
        }
        trees.sort(NEWEST_FIRST);
        int count = 0;
        long bytes = 0;
        for (int i = 0; i < trees.size(); i++) {
            JobView tree = trees.get(i);
            RootControl control = roots.get(tree.id());
            boolean old = tree.finishedAt().map(finishedBefore::isAfter).orElse(false);
            if (control == null || !control.done.isDone() || (i < kept && !old)) {
                continue;
            }
            bytes += delete(tree);
            roots.remove(tree.id());
            tree.walk(job -> jobs.remove(job.id()));
            count++;
        }
        return new Forgotten(count, bytes);
    }

    /**
     * Takes up the trees that engines before this one recorded on this home, as {@link EarlierTrees} left
     * them: finished, since nothing here runs the rest of them.
     */
    private void restore(int keptTrees) {
        EarlierTrees earlier = new EarlierTrees(directory, records, repository, this::save, this::delete, clock,
                warnings);
        for (JobView tree : earlier.restore(keptTrees)) {
            Job root = Job.restore(tree, null, id -> new JobLog(records.logFile(id), logLimit, false), changed -> recorder.changed(changed.root()),
                    subscriptions::publish);
            register(root);
            RootControl control = new RootControl();
            control.done.complete(tree);
            roots.put(root.id(), control);
        }
    }

    private void save(JobView root) {
        repository.save(new JobTree(root, controller, directory.toString()));
    }

    /** Forgets the tree: its record first, then its logs, so that no record is left without them. The bytes freed. */
    private long delete(JobView tree) {
        repository.delete(tree.id());
        return records.deleteLogs(tree);
    }

    private void register(Job job) {
        jobs.put(job.id(), job);
        job.children().forEach(this::register);
    }

    private static void logWarning(String message) {
        System.getLogger(JobManager.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    private Job job(JobId id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new NotFoundException("job", id);
        }
        return job;
    }

    private RootControl control(Job root) {
        RootControl control = roots.get(root.root().id());
        if (control == null) {
            throw new IllegalStateException("job " + root.id() + " was not created as a root");
        }
        return control;
    }

    private void endUnfinished(Job job, String why) {
        for (Job child : job.children()) {
            child.finish(JobState.ABORTED, why, clock.instant());
            endUnfinished(child, why);
        }
    }

    private static JobState outcomeOf(PaasmakerException failure) {
        return failure.code() == ErrorCode.ABORTED ? JobState.ABORTED : JobState.FAILED;
    }

    private static String reason(StepFailedException e) {
        return e.step().title() + ": " + e.getMessage();
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** What only a root has: the abort flag, what to do on abort, and its completion. */
    private static final class RootControl {
        volatile boolean aborted;
        /** Why the engine ended the tree when it stopped; null for a user's abort. */
        volatile PaasmakerException stopReason;
        volatile boolean submitted;
        volatile Thread thread;
        final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();
        final CompletableFuture<JobView> done = new CompletableFuture<>();
    }
}
