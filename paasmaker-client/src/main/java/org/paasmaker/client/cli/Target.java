package org.paasmaker.client.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The server a command talks to and its token, from the first that gives one: the option, the
 * environment ({@code PAASMAKER_SERVER}, {@code PAASMAKER_TOKEN}), the profile {@code paasmaker login}
 * saved, the default server. The profile's token and workspace go only to the profile's own server, so
 * that {@code --server elsewhere} never sends it another server's token. Last, for a server on this
 * machine, the token file that server keeps: whoever may read it (its owner) is its operator anyway, and
 * it lets a fresh checkout deploy with no login step.
 */
record Target(URI server, String token, Optional<String> workspace) {

    static final String DEFAULT_SERVER = "http://localhost:9080";

    static Target resolve(String serverOption, String tokenOption, CliContext context, Profile profile) {
        URI server;
        if (present(serverOption)) {
            server = url(serverOption, "--server");
        } else if (context.variable("PAASMAKER_SERVER").isPresent()) {
            server = url(context.variable("PAASMAKER_SERVER").get(), "PAASMAKER_SERVER");
        } else if (profile.server().isPresent()) {
            server = url(profile.server().get(), "the server of the profile");
        } else {
            server = url(DEFAULT_SERVER, "the default server");
        }
        boolean profileApplies = profile.server().map(saved -> sameServer(saved, server)).orElse(false);
        Optional<String> token = present(tokenOption) ? Optional.of(tokenOption.strip())
                : context.variable("PAASMAKER_TOKEN").or(() -> profileApplies ? profile.token() : Optional.empty())
                        .or(() -> onThisMachine(server) ? readable(context.localServerTokenFile()) : Optional.empty());
        return new Target(server, token.orElseThrow(() -> new PaasmakerException(ErrorCode.UNAUTHORIZED,
                "no API token for the server at " + server + ": log in with 'paasmaker login --server " + server
                        + "', or set --token or PAASMAKER_TOKEN (the server keeps its token in $PAASMAKER_HOME/token,"
                        + " ~/.paasmaker/token by default)")),
                profileApplies ? profile.workspace() : Optional.empty());
    }

    /** A server's URL as the user gave it, checked: http or https, with a host. */
    static URI url(String text, String from) {
        String trimmed = text.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Said below.
        }
        throw new PaasmakerException(ErrorCode.INVALID_REQUEST, from + " is '" + text + "', which is not a server's URL;"
                + " give one such as " + DEFAULT_SERVER);
    }

    private static boolean sameServer(String saved, URI server) {
        try {
            return url(saved, "the profile").equals(server);
        } catch (PaasmakerException e) {
            return false;
        }
    }

    private static boolean onThisMachine(URI server) {
        String host = server.getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    private static Optional<String> readable(Path file) {
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file).strip()).filter(text -> !text.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean present(String option) {
        return option != null && !option.isBlank();
    }
}
