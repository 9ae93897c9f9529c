package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import org.paasmaker.api.rest.InstanceLogLines;
import org.paasmaker.client.LogFollow;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker instance log ID [--lines N] [--follow]}. */
@Command(name = "instance", description = "Instances: the running processes of a version.",
        subcommands = {InstanceCommand.Log.class})
final class InstanceCommand {

    @Command(name = "log", description = "Show the last lines of an instance's output; with --follow, go on showing"
            + " new lines as they come until interrupted (Ctrl-C).")
    static final class Log extends ServerCommand {

        @Parameters(paramLabel = "INSTANCE", description = "The instance's id ('paasmaker version instances VERSION'"
                + " lists them).")
        String instance;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
                description = "How many of the last lines to show first (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Go on showing new lines until interrupted.")
        boolean follow;

        @Override
        int run(PaasmakerClient client) {
            PrintWriter out = out();
            if (!follow) {
                String text = client.instances().log(instance, lines);
                if (human()) {
                    out.print(text);
                    out.flush();
                } else {
                    print(new InstanceLogLines(instance, text), () -> { });
                }
                return 0;
            }
            try (LogFollow following = client.instances().followLog(instance, lines, chunk -> {
                synchronized (out) {
                    out.print(human() ? chunk.text() : WireWriter.writeStreamed(output, chunk));
                    out.flush();
                }
            })) {
                // Until Ctrl-C ends the JVM, the follow fails (the instance is gone, the server stays away),
                // or a caller in this JVM interrupts the thread.
                following.done().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("following the log of instance " + instance + " failed", e.getCause());
            }
            return 0;
        }
    }
}
