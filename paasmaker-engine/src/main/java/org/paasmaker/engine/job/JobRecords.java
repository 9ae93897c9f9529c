package org.paasmaker.engine.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.store.JobRepository;
import org.paasmaker.api.store.JobTree;

/**
 * The job trees of an engine alone on its store: one small JSON file per root, {@code <root id>.tree.json},
 * beside the jobs' logs. A tree is written whole to a temporary file and moved into place, so a
 * reader never sees half of one. Files are not forced to disk: a restarted engine finds what the page
 * cache held, and after a machine crash a torn file is skipped like any unreadable one, while forcing
 * each save to disk would make it several times dearer. Files written before the store kept trees
 * name no controller and no logs: their logs are beside them, and their controller is {@link #UNNAMED}.
 */
public final class JobRecords implements JobRepository {

    /**
     * The controller of a tree recorded without one: before trees named theirs, or by an engine alone
     * on its files, which no other controller asks.
     */
    public static final String UNNAMED = "an unnamed engine";
    private static final String SUFFIX = ".tree.json";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Consumer<String> warnings;

    /**
     * @param warnings hears, in words for an operator, about each file that could not be read; such
     *        files are skipped, never deleted
     */
    public JobRecords(Path directory, Consumer<String> warnings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** The tree as a JSON text, the same as a file holds: what a database keeps in a row. */
    public static String encode(JobTree tree) {
        try {
            return JSON.writeValueAsString(StoredTree.of(tree));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot write the record of job " + tree.root().id()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The tree a text of {@link #encode} holds; {@code logs} stands for a record that names none. */
    public static JobTree decode(String text, String logs) {
        try {
            return JSON.readValue(text, StoredTree.class).toTree(logs);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable job record: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(JobTree tree) {
        JobView root = tree.root();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, root.id() + "-", TEMPORARY_SUFFIX);
            JSON.writeValue(temporary.toFile(), StoredTree.of(tree));
            Files.move(temporary, file(root.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot save the record of job " + root.id() + " ('"
                    + root.title() + "') in " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public Optional<JobTree> holding(JobId job) {
        return trees().stream().filter(tree -> contains(tree.root(), job)).findFirst();
    }

    @Override
    public List<JobTree> loggedIn(String logs) {
        return trees().stream().filter(tree -> tree.logs().equals(logs)).toList();
    }

    @Override
    public List<JobTree> unfinished() {
        return trees().stream().filter(tree -> !tree.finished()).toList();
    }

    @Override
    public void delete(JobId root) {
        try {
            Files.deleteIfExists(file(root));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the record of job tree " + root + " in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether this records its trees in {@code other}: then there is nothing to bring from its files. */
    boolean keepsIn(Path other) {
        return directory.equals(other);
    }

    private static boolean contains(JobView tree, JobId job) {
        boolean[] found = {false};
        tree.walk(each -> found[0] |= each.id().equals(job));
        return found[0];
    }

    /** Writes the tree as run by an unnamed engine, its logs beside it, replacing its earlier record. */
    void save(JobView root) {
        save(new JobTree(root, UNNAMED, directory.toString()));
    }

    /**
     * Every readable tree, in the order of their file names. A file that cannot be read, or that holds
     * a job id an earlier file already holds, is reported to the warnings and skipped.
     */
    List<JobView> load() {
        return trees().stream().map(JobTree::root).toList();
    }

    /** {@link #load()}, with each tree's controller and logs. */
    List<JobTree> trees() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            listing.forEach(files::add);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot list the job records in " + directory + ": "
                    + e.getMessage(), e);
        }
        files.sort(null);
        List<JobTree> trees = new ArrayList<>();
        Set<JobId> seen = new HashSet<>();
        for (Path file : files) {
            read(file, seen).ifPresent(trees::add);
        }
        return trees;
    }

    /** Deletes every job's log of the tree, once its record is gone. The bytes it freed. */
    long deleteLogs(JobView root) {
        try {
            long freed = 0;
            List<Path> logs = new ArrayList<>();
            root.walk(job -> logs.add(logFile(job.id())));
            for (Path log : logs) {
                freed += size(log);
                Files.deleteIfExists(log);
            }
            return freed;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot delete the logs of job tree " + root.id() + " ('"
                    + root.title() + "') in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Removes what saves cut short by a crash left behind; only this class writes such files. */
    void deleteLeftovers() {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            warnings.accept("Could not delete the temporary job records in " + directory + ": " + e.getMessage()
                    + ". They are never read; delete the *" + TEMPORARY_SUFFIX + " files there by hand.");
        }
    }

    Path logFile(JobId id) {
        return directory.resolve(id + ".log");
    }

    private Path file(JobId root) {
        return directory.resolve(root + SUFFIX);
    }

    private Optional<JobTree> read(Path file, Set<JobId> seen) {
        String problem;
        try {
            JobTree tree = JSON.readValue(Files.readAllBytes(file), StoredTree.class).toTree(directory.toString());
            JobView root = tree.root();
            Set<JobId> ids = new HashSet<>();
            List<JobId> repeated = new ArrayList<>();
            root.walk(job -> {
                if (!ids.add(job.id()) || seen.contains(job.id())) {
                    repeated.add(job.id());
                }
            });
            if (!file.getFileName().toString().equals(root.id() + SUFFIX)) {
                problem = "it holds the tree of job " + root.id() + ", which belongs in " + file(root.id());
            } else if (!repeated.isEmpty()) {
                problem = "it repeats job " + repeated.get(0) + ", which another job or record already has";
            } else {
                seen.addAll(ids);
                return Optional.of(tree);
            }
        } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeException
                | PaasmakerException e) {
            problem = e.getMessage();
        }
        warnings.accept("Skipped the job record " + file + ": " + problem + ". Its jobs are not shown; their logs"
                + " stay in " + directory + ". Delete the file once nobody needs it.");
        return Optional.empty();
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Only a failed save leaves it; the next engine deletes it, and the failure is what the caller hears about.
            }
        }
    }

    /** The file's shape: plain values only, so the format is ours and not whatever a library makes of a type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record StoredTree(int format, String controller, String logs, StoredJob root) {

        static StoredTree of(JobTree tree) {
            return new StoredTree(FORMAT, tree.controller(), tree.logs(), StoredJob.of(tree.root()));
        }

        JobTree toTree(String logsIfNone) {
            if (format != FORMAT) {
                throw new IllegalArgumentException("its format is " + format + ", this engine reads format " + FORMAT);
            }
            JobView view = Objects.requireNonNull(root, "root is missing").toView(Optional.empty(), Optional.empty());
            return new JobTree(view, controller != null ? controller : UNNAMED, logs != null ? logs : logsIfNone);
        }
    }

    /**
     * One job; its parent is the job whose children hold it. Only a root holds {@code startedBy}, absent
     * from the records of engines before it was kept: its children take it from the root.
     */
    private record StoredJob(String id, String title, String state, String summary, Map<String, String> tags,
            @JsonInclude(JsonInclude.Include.NON_NULL) String startedBy, String createdAt, String startedAt, String finishedAt, List<StoredJob> children) {

        static StoredJob of(JobView job) {
            return new StoredJob(job.id().value(), job.title(), job.state().name(), job.summary(), job.tags(),
                    job.parentId().isEmpty() ? job.startedBy().orElse(null) : null, job.createdAt().toString(), job.startedAt().map(Instant::toString).orElse(null),
                    job.finishedAt().map(Instant::toString).orElse(null),
                    job.children().stream().map(StoredJob::of).toList());
        }

        JobView toView(Optional<JobId> parent, Optional<String> rootStartedBy) {
            JobId self = new JobId(Objects.requireNonNull(id, "a job's id is missing"));
            Optional<String> by = parent.isEmpty() ? Optional.ofNullable(startedBy) : rootStartedBy;
            return new JobView(self, parent, title, JobState.valueOf(Objects.requireNonNull(state, "state is missing")),
                    summary, Objects.requireNonNull(tags, "tags are missing"), by,
                    Instant.parse(Objects.requireNonNull(createdAt, "createdAt is missing")),
                    Optional.ofNullable(startedAt).map(Instant::parse), Optional.ofNullable(finishedAt).map(Instant::parse),
                    Objects.requireNonNull(children, "children are missing").stream()
                            .map(child -> Objects.requireNonNull(child, "a child is missing").toView(Optional.of(self), by))
                            .toList());
        }
    }
}
