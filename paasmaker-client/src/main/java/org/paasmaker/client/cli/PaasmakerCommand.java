package org.paasmaker.client.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code paasmaker} command line: one subcommand per noun ({@code manifest}, and later
 * {@code workspace}, {@code version}, ...), each verb a class of its own. Errors are printed as one
 * message, never as a stack trace (unless {@code --debug}), and exit with their error code's exit code;
 * a mistyped command line exits with 2 and the usage.
 */
@Command(name = "paasmaker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        description = "Paasmaker for Java: a self-hosted platform-as-a-service.",
        subcommands = {ManifestCommand.class})
public final class PaasmakerCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the full stack trace and causes of an error.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling, ready to execute; its output goes to the console. */
    public static CommandLine commandLine() {
        PaasmakerCommand root = new PaasmakerCommand();
        ErrorCodeExitCodes exitCodes = new ErrorCodeExitCodes();
        return new CommandLine(root)
                .setExecutionExceptionHandler(new ErrorMessageHandler(() -> root.debug, exitCodes))
                .setExitCodeExceptionMapper(exitCodes);
    }
}
