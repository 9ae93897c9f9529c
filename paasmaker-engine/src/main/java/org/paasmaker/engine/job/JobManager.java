package org.paasmaker.engine.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
    private final TreeRunner runner;
    private final UnfinishedTrees unfinished;
    private final FinishedTrees finished;
    private final JobLogReader logs;
    private final ExecutorService deliveries;
    private final JobSubscriptions subscriptions;
    private final TreeStarters starters = new TreeStarters();

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
        this.runner = new TreeRunner(this, clock);
        this.unfinished = new UnfinishedTrees(jobs, roots, this::abort);
        this.finished = new FinishedTrees(jobs, roots, this.repository, records);
        this.logs = new JobLogReader(this::job);
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
        return starters.as(actor.name(), verb);
    }

    /** A root started by the platform, whoever's call leads to it: retention, the cleaning of stale files. */
    public Job createPlatformRoot(String title, Map<String, String> tags) {
        return starters.as(Actor.PLATFORM, () -> createRoot(title, tags));
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
        Optional<String> by = Optional.of(starters.current());
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
        runner.runRoot(root, control(root), starters.asItsStarter(action), () -> { });
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
                executor.execute(() -> runner.runRoot(root, control, starters.asItsStarter(action), afterwards));
            } catch (RejectedExecutionException e) {
                runner.notRun(root, control, afterwards);
            }
        });
        return root.id();
    }

    /**
     * Runs one step of a running root, in the calling thread: marks it running, gives it a context
     * with its working directory and environment, and records its outcome. A failure is rethrown so
     * the steps after it do not run.
     */
    public void runStep(Job step, Path workingDirectory, Map<String, String> environment, StepAction action) {
        runner.runStep(step, workingDirectory, environment, action);
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
     * {@value JobLogReader#MAX_READ_BYTES} bytes; read on from {@link LogText#next()}).
     */
    public LogText log(JobId id, long from) {
        return logs.read(id, from, false);
    }

    /**
     * Like {@link #log(JobId, long)}, but only whole lines: up to the last newline, so that a line a
     * running job is still writing is read whole later. A line longer than a read's limit comes in pieces.
     */
    public LogText logLines(JobId id, long from) {
        return logs.read(id, from, true);
    }

    /** The job's log as it stands now (it grows while the job runs). */
    public String log(JobId id) {
        return logs.text(id);
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
        return unfinished.stop(job(id).root());
    }

    /**
     * Ends every unfinished tree as {@link #stopForShutdown} does, and waits for the running ones to
     * end, at most {@code limit}: those that have not ended by then are recorded as running, and the
     * next engine settles them the same way. A queued tree ends so once its turn comes.
     */
    public void stopAllForShutdown(Duration limit) {
        unfinished.stopAll(limit);
    }

    /**
     * Ends every unfinished tree at once as FAILED with {@code why}, without waiting for them: for when
     * another controller may have ended them in the store already, this one having stopped answering.
     */
    public void endAll(String why) {
        unfinished.endAll(why);
    }

    private boolean abort(Job root, PaasmakerException because) {
        return control(root).abort(because, line -> appendLog(root, line));
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
        return control(job.root()).abortedError();
    }

    JobStepContext.AbortRegistration onAbort(Job job, Runnable hook) {
        return control(job.root()).onAbort(hook);
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
        return finished.forget(tag, value, kept, finishedBefore);
    }

    /**
     * Takes up the trees that engines before this one recorded on this home, as {@link EarlierTrees} left
     * them: finished, since nothing here runs the rest of them.
     */
    private void restore(int keptTrees) {
        EarlierTrees earlier = new EarlierTrees(directory, records, repository, this::save, finished::delete, clock,
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
}
