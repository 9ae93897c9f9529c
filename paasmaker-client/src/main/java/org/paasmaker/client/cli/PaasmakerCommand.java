package org.paasmaker.client.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code paasmaker} command line: one subcommand per noun ({@code workspace}, {@code version}, ...),
 * each verb a class of its own over the client SDK, plus {@code deploy}, {@code login} and
 * {@code manifest validate}. Errors are printed as one message, never as a stack trace (unless
 * {@code --debug}), and exit with their error code's exit code; a mistyped command line exits with 2
 * and the usage.
 */
@Command(name = "paasmaker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        description = "Paasmaker for Java: a self-hosted platform-as-a-service.",
        subcommands = {DeployCommand.class, WorkspaceCommand.class, ApplicationCommand.class, VersionCommand.class,
            InstanceCommand.class, JobCommand.class, ServiceCommand.class, NodeCommand.class, RuntimeCommand.class,
            PluginCommand.class, RouteCommand.class, RouterCommand.class, ManifestCommand.class, LoginCommand.class,
            LogoutCommand.class, CompletionCommand.class, CdsTrainingCommand.class, DiskCommand.class, UserCommand.class,
            KeyCommand.class, RoleCommand.class, GrantCommand.class, CertificateCommand.class})
public final class PaasmakerCommand {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the full stack trace and causes of an error.")
    boolean debug;

    private final CliContext context;
    private URI serverInUse;

    PaasmakerCommand(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The same answer picocli gives, without building the command tree first: a shell prompt or a
            // script may ask for it often, and it then takes a third of the time.
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            return;
        }
        QuickExit.exit(commandLine().execute(args));
    }

    /** The command line with its error handling, ready to execute; its output goes to the console. */
    public static CommandLine commandLine() {
        return commandLine(CliContext.system());
    }

    /** The same, reading the environment, the terminal and standard input of the context. */
    static CommandLine commandLine(CliContext context) {
        PaasmakerCommand root = new PaasmakerCommand(context);
        ErrorCodeExitCodes exitCodes = new ErrorCodeExitCodes();
        return new CommandLine(root)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorMessageHandler(() -> root.debug, root::serverInUse, exitCodes))
                .setExitCodeExceptionMapper(exitCodes);
    }

    CliContext context() {
        return context;
    }

    /** The server this run talks to, once a command has chosen it: error messages name it. */
    void serverInUse(URI server) {
        this.serverInUse = server;
    }

    Optional<URI> serverInUse() {
        return Optional.ofNullable(serverInUse);
    }
}
