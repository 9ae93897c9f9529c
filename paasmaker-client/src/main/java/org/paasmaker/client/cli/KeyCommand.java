package org.paasmaker.client.cli;

import java.util.List;
import org.paasmaker.api.rest.ApiKeyJson;
import org.paasmaker.api.rest.IssuedApiKeyJson;
import org.paasmaker.client.PaasmakerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paasmaker key list|create|revoke --user USER}: a user's API keys; anyone may manage their own. */
@Command(name = "key", description = "API keys: a user's named secrets for the API, shown once, revocable.",
        subcommands = {KeyCommand.ListKeys.class, KeyCommand.Create.class, KeyCommand.Revoke.class})
final class KeyCommand {

    @Command(name = "list", description = "List a user's API keys (never their secrets).")
    static final class ListKeys extends ServerCommand {

        @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Override
        int run(PaasmakerClient client) {
            List<ApiKeyJson> keys = client.users().keys(user);
            print(keys, () -> {
                Table table = new Table("ID", "NAME", "CREATED", "LAST USED", "REVOKED");
                keys.forEach(key -> table.row(key.id(), key.name(), key.created(), orNothing(key.lastUsed()), orNothing(key.revoked())));
                table.print(out());
            });
            return 0;
        }

        private static Object orNothing(Object value) {
            return value == null ? "-" : value;
        }
    }

    @Command(name = "create", description = "Make an API key and show its secret, this once.")
    static final class Create extends ServerCommand {

        @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Parameters(paramLabel = "NAME", description = "The key's name, to tell it from the user's others: laptop, ci.")
        String name;

        @Override
        int run(PaasmakerClient client) {
            IssuedApiKeyJson issued = client.users().issueKey(user, name);
            print(issued, () -> {
                out().println(issued.secret());
                err().println("API key " + issued.key().id() + " (" + name + ") of " + user
                        + ": the secret above is shown this once; keep it safe.");
            });
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke an API key; it is refused from the next request on.")
    static final class Revoke extends ServerCommand {

        @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The user's name or id.")
        String user;

        @Parameters(paramLabel = "KEY", description = "The key's id (see 'paasmaker key list').")
        long key;

        @Override
        int run(PaasmakerClient client) {
            ApiKeyJson revoked = client.users().revokeKey(user, key);
            print(revoked, () -> out().println("Revoked API key " + revoked.id() + " (" + revoked.name() + ") of " + user + "."));
            return 0;
        }
    }
}
