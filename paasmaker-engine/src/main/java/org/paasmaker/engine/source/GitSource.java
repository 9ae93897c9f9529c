package org.paasmaker.engine.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.plugin.PluginParameters;
import org.paasmaker.api.plugin.StepContext;
import org.paasmaker.api.source.Source;
import org.paasmaker.engine.internal.Directories;

/**
 * Clones a git repository with JGit and checks out the asked-for branch and revision. The working
 * copy is left without its {@code .git}: the package holds the code, not its history.
 */
final class GitSource implements Source {

    private static final String DEFAULT_BRANCH = "master";
    private static final String DEFAULT_REVISION = "HEAD";

    @Override
    public void fetch(PluginParameters parameters, StepContext step) {
        String location = parameters.string("location");
        String revision = parameters.findString("revision").orElse(DEFAULT_REVISION);
        Path target = step.workingDirectory();
        String branch = branch(location, parameters.findString("branch"));
        step.log("Cloning " + location + " (branch " + branch + ", revision " + revision + ")");
        try (Git git = Git.cloneRepository()
                .setURI(location)
                .setDirectory(target.toFile())
                .setBranch(branch)
                .setCloneAllBranches(false)
                .setBranchesToClone(List.of("refs/heads/" + branch))
                .call()) {
            step.checkAborted();
            if (!DEFAULT_REVISION.equals(revision)) {
                checkout(git, location, revision);
            }
            ObjectId head = git.getRepository().resolve("HEAD");
            step.log("Checked out " + (head == null ? "nothing" : head.name()));
        } catch (GitAPIException | IOException | JGitInternalException e) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED,
                    "cannot clone the git repository '" + location + "' (branch " + branch + "): " + e.getMessage(), e);
        }
        try {
            Directories.deleteTree(target.resolve(".git"));
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot remove .git from the working copy: " + e, e);
        }
    }

    private static void checkout(Git git, String location, String revision) throws GitAPIException, IOException {
        ObjectId id = git.getRepository().resolve(revision);
        if (id == null) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED,
                    "the git repository '" + location + "' has no revision '" + revision + "'");
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(id);
            git.checkout().setName(commit.name()).call();
        }
    }

    /**
     * The branch asked for, which must exist; else {@code master}, as the original Paasmaker cloned.
     * Many repositories now have no {@code master}: for them the remote's own default branch is taken.
     */
    private static String branch(String location, Optional<String> asked) {
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository().setRemote(location).setHeads(true).callAsMap();
        } catch (GitAPIException | JGitInternalException e) {
            throw new PaasmakerException(ErrorCode.SOURCE_FAILED,
                    "cannot read the git repository '" + location + "': " + e.getMessage(), e);
        }
        List<String> branches = refs.keySet().stream().filter(name -> name.startsWith(Constants.R_HEADS))
                .map(Repository::shortenRefName).sorted().toList();
        if (asked.isPresent()) {
            if (!branches.contains(asked.get())) {
                throw new PaasmakerException(ErrorCode.SOURCE_FAILED, "the git repository '" + location
                        + "' has no branch '" + asked.get() + "'; it has: "
                        + (branches.isEmpty() ? "no branches" : String.join(", ", branches)));
            }
            return asked.get();
        }
        if (branches.contains(DEFAULT_BRANCH)) {
            return DEFAULT_BRANCH;
        }
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic()) {
            return Repository.shortenRefName(head.getTarget().getName());
        }
        return branches.stream().findFirst().orElseThrow(() -> new PaasmakerException(ErrorCode.SOURCE_FAILED,
                "the git repository '" + location + "' has no branches; push some code to it first"));
    }
}
