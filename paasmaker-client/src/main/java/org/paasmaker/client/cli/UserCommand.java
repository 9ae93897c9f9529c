package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.rest.UserJson;
import org.paasmaker.api.rest.UserRequest;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker user list|show|create|delete}. */
@Command(name = "user", description = "Users: people and robots who sign in with a password or an API key.",
        subcommands = {UserCommand.ListUsers.class, UserCommand.Show.class, UserCommand.Create.class, UserCommand.Delete.class})
final class UserCommand {

    @Command(name = "list", description = "List the users.")
    static final class ListUsers extends ServerCommand {

        @Override
        int run(PaasmakerClient client) {
            List<UserJson> users = client.users().list();
            print(users, () -> {
                Table table = new Table("ID", "NAME", "E-MAIL", "CREATED");
                users.forEach(user -> table.row(user.id(), user.name(), user.email(), user.created()));
                table.print(out());
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a user.")
    static final class Show extends ServerCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Override
        int run(PaasmakerClient client) {
            UserJson shown = client.users().get(user);
            print(shown, () -> out().println(shown.name() + " <" + shown.email() + ">, id " + shown.id() + ", since " + shown.created()));
            return 0;
        }
    }

    @Command(name = "create", description = {"Create a user.", "The password is asked for (without echo), or read from standard input."})
    static final class Create extends ServerCommand {

        @Parameters(paramLabel = "NAME", description = "The user's name: lower-case letters, digits and . _ @ -.")
        String name;

        @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The user's e-mail address.")
        String email;

        @Override
        int run(PaasmakerClient client) {
            String password = context().readSecret("Password for " + name + ": ").orElseThrow(() -> new PaasmakerException(
                    ErrorCode.INVALID_REQUEST, "no password given: type it when asked, or pass it on standard input"));
            UserJson created = client.users().create(new UserRequest(name, email, password));
            print(created, () -> out().println("Created user " + created.name() + " (id " + created.id() + ")."));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a user with its API keys and grants.")
    static final class Delete extends ServerCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Override
        int run(PaasmakerClient client) {
            client.users().delete(user);
            if (human()) {
                out().println("Deleted user " + user + ".");
            }
            return 0;
        }
    }
}
