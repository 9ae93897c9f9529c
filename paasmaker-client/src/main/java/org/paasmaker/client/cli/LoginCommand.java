package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.LoginRequest;
import org.paasmaker.client.PaasmakerClient;
import org.paasmaker.client.PaasmakerClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code paasmaker login [--server URL] [--token TOKEN | --user USER] [--workspace WS]}: checks the token
 * against the server, then saves the server, the token and the default workspace in the profile, readable
 * by its owner only. Without {@code --token} it asks for it (without echo), or reads it from standard input.
 * With {@code --user} it asks for the user's password instead and saves a new API key of the user.
 */
@Command(name = "login", description = {"Check a server's API token and save both in your profile.",
    "The profile ($XDG_CONFIG_HOME/paasmaker/profile, else ~/.config/paasmaker/profile) is readable by you alone;"
        + " later commands use it when neither an option nor the environment names a server and token."
        + " Without --token, the token is asked for, or read from standard input."})
final class LoginCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL",
            description = "The server (default: $PAASMAKER_SERVER, else the profile's, else " + Target.DEFAULT_SERVER
                    + ").")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Its API token (the server keeps it in"
            + " $PAASMAKER_HOME/token, ~/.paasmaker/token by default).")
    String token;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Sign in as this user instead of with a token:"
            + " the password is asked for (or read from standard input), and a new API key of the user is saved.")
    String user;

    @Option(names = {"-w", "--workspace"}, paramLabel = "WS",
            description = "The workspace that commands use when none is named.")
    String workspace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PaasmakerCommand root = (PaasmakerCommand) spec.root().userObject();
        CliContext context = root.context();
        Path directory = context.configDirectory();
        Profile saved = Profile.load(directory);
        URI target = server != null ? Target.url(server, "--server")
                : context.variable("PAASMAKER_SERVER").map(url -> Target.url(url, "PAASMAKER_SERVER"))
                .or(() -> saved.server().map(url -> Target.url(url, "the server of the profile")))
                .orElseGet(() -> Target.url(Target.DEFAULT_SERVER, "the default server"));
        String secret = user != null ? keyOf(target, context)
                : token != null && !token.isBlank() ? token.strip()
                : context.readSecret("API token for " + target + ": ").orElseThrow(() -> new PaasmakerException(
                        ErrorCode.UNAUTHORIZED, "no token given: type it when asked, pass it on standard input or with"
                        + " --token (the server keeps it in $PAASMAKER_HOME/token, ~/.paasmaker/token by default)"));
        root.serverInUse(target);
        try (PaasmakerClient client = PaasmakerClient.builder().server(target).token(secret).build()) {
            // A user's key was just checked by the login itself, and the user may hold no WORKSPACE_LIST.
            int workspaces = user == null ? client.workspaces().list().size() : -1;
            if (workspace != null) {
                client.workspaces().get(workspace);
            }
            Path file = new Profile(Optional.of(target.toString()), Optional.of(secret), Optional.ofNullable(workspace))
                    .save(directory);
            PrintWriter out = spec.commandLine().getOut();
            String counted = workspaces < 0 ? "as " + user : workspaces + (workspaces == 1 ? " workspace" : " workspaces");
            out.println("Logged in to " + target + " (" + counted
                    + (workspace == null ? "" : "; default workspace " + workspace) + "); saved in " + file
                    + ", readable by you alone.");
            out.flush();
        }
        return 0;
    }

    /** Signs in with the user's password and returns the secret of the new API key the server made for this login. */
    private String keyOf(URI target, CliContext context) {
        if (token != null) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST, "give --user or --token, not both");
        }
        String password = context.readSecret("Password of " + user + " on " + target + ": ").orElseThrow(() ->
                new PaasmakerException(ErrorCode.UNAUTHORIZED, "no password given: type it when asked, or pass it on standard input"));
        try (PaasmakerClient anonymous = PaasmakerClient.builder().server(target).build()) {
            return anonymous.login(new LoginRequest(user, password, "paasmaker login " + Instant.now())).secret();
        } catch (PaasmakerClientException e) {
            if (e.code() != ErrorCode.UNAUTHORIZED) {
                throw e;
            }
            // The SDK's wording for a 401 speaks of tokens, which this sign-in did not send.
            throw new PaasmakerException(ErrorCode.UNAUTHORIZED, "the server at " + target + " refused the sign-in of "
                    + user + ": " + e.problem().map(problem -> problem.detail()).orElse("the answer was " + e.status())
                    + "; run 'paasmaker login --user " + user + "' again with the right password");
        }
    }
}
