package org.paasmaker.engine.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a JVM of its own by {@link SurvivesItsLauncherTest}: launches {@code sleep 300} detached,
 * prints its identity as {@code pid startTicks bootId}, and waits to be killed.
 */
public final class LaunchInChildJvm {

    private LaunchInChildJvm() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        LaunchedProcess sleep = new DetachedLauncher().launch(new LaunchSpec(List.of("sleep", "300"), directory,
                DetachedProcesses.ENVIRONMENT, directory.resolve("sleep.log")));
        ProcessIdentity identity = sleep.identity();
        System.out.println(identity.pid() + " " + identity.startTicks() + " " + identity.bootId());
        System.out.flush();
        // Blocks until this JVM is killed, or the test's end of the pipe closes.
        System.in.read();
    }
}
