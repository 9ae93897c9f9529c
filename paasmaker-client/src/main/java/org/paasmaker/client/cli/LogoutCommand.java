package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paasmaker logout}: deletes the profile that {@code paasmaker login} saved, token and all. */
@Command(name = "logout", description = "Delete the profile that login saved, with its token.")
final class LogoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path directory = ((PaasmakerCommand) spec.root().userObject()).context().configDirectory();
        Path file = directory.resolve(Profile.FILE_NAME);
        PrintWriter out = spec.commandLine().getOut();
        out.println(Profile.delete(directory) ? "Logged out: deleted " + file + "." : "Not logged in: there is no " + file
                + ".");
        out.flush();
        return 0;
    }
}
