package org.paasmaker.engine;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.job.JobId;
import org.paasmaker.api.job.JobState;
import org.paasmaker.api.job.JobView;
import org.paasmaker.api.source.SourceSpec;
import org.paasmaker.api.version.ApplicationVersion;
import org.paasmaker.api.version.PrepareRequest;
import org.paasmaker.api.version.VersionId;
import org.paasmaker.api.workspace.NewWorkspace;
import org.paasmaker.api.workspace.Workspace;

/**
 * Runs the embedded engine from the command line until the server lands: prepares a version from a
 * directory, an archive or a git repository, prints its job tree and where the package was stored.
 */
public final class Main {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar paasmaker-engine.jar prepare SOURCE [--manifest PATH] [--workspace STUB]",
            "  SOURCE   a directory, a .tar.gz/.tgz or .zip file, or a git URL",
            "  --manifest PATH   the manifest inside the source (default manifest.yml)",
            "  --workspace STUB  the workspace to prepare in (default dev, created if missing)",
            "Data goes to $PAASMAKER_HOME (default ~/.paasmaker).");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, Paasmaker.builder()));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Paasmaker.Builder engineSettings) {
        Deque<String> words = new ArrayDeque<>(args);
        if (words.isEmpty() || words.contains("--help") || !"prepare".equals(words.poll())) {
            err.println(USAGE);
            return words.contains("--help") ? 0 : 2;
        }
        String source = null;
        String manifest = PrepareRequest.DEFAULT_MANIFEST;
        String workspaceStub = "dev";
        while (!words.isEmpty()) {
            String word = words.poll();
            if (word.equals("--manifest") || word.equals("--workspace")) {
                if (words.isEmpty()) {
                    err.println(word + " needs a value" + System.lineSeparator() + USAGE);
                    return 2;
                }
                if (word.equals("--manifest")) {
                    manifest = words.poll();
                } else {
                    workspaceStub = words.poll();
                }
            } else if (source == null && !word.startsWith("--")) {
                source = word;
            } else {
                err.println("unexpected argument '" + word + "'" + System.lineSeparator() + USAGE);
                return 2;
            }
        }
        if (source == null) {
            err.println("the SOURCE to prepare is missing" + System.lineSeparator() + USAGE);
            return 2;
        }
        try (Paasmaker engine = engineSettings.build()) {
            return prepare(engine, source, manifest, workspaceStub, out);
        } catch (PaasmakerException e) {
            err.println(e.getMessage());
            return e.code().exitCode();
        }
    }

    private static int prepare(Paasmaker engine, String source, String manifest, String stub, PrintStream out) {
        Workspace workspace = engine.workspaces().list().stream().filter(w -> w.stub().equals(stub)).findFirst()
                .orElseGet(() -> engine.workspaces().create(new NewWorkspace(stub, stub)));
        JobId job = engine.versions().prepare(new PrepareRequest(workspace.id(), sourceOf(source), manifest));
        JobView tree = engine.jobs().await(job, Duration.ofHours(1));
        out.print(tree.render());
        if (tree.state() != JobState.SUCCESS) {
            tree.walk(step -> {
                if (step.state() == JobState.FAILED && step.children().isEmpty()) {
                    out.println("--- log of '" + step.title() + "' ---");
                    out.print(engine.jobs().log(step.id()));
                }
            });
            return ErrorCode.PREPARE_FAILED.exitCode();
        }
        ApplicationVersion version = engine.versions().get(new VersionId(Long.parseLong(tree.tags().get("version_id"))));
        out.println("Version " + version.number() + " is " + version.state() + "; its package is "
                + engine.versions().packageFile(version.id()));
        return 0;
    }

    private static SourceSpec sourceOf(String source) {
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return SourceSpec.directory(path);
        }
        if (Files.isRegularFile(path) && (source.endsWith(".tar.gz") || source.endsWith(".tgz"))) {
            return SourceSpec.tarball(path);
        }
        if (Files.isRegularFile(path) && source.endsWith(".zip")) {
            return SourceSpec.zip(path);
        }
        return SourceSpec.git(source, null, null);
    }
}
