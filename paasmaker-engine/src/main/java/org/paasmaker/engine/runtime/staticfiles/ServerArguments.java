package org.paasmaker.engine.runtime.staticfiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The command line of {@link StaticFileServer}: {@code <document-root> [<port>]}, the port taken from
 * {@code PM_PORT} when it is not given, as every instance gets its port there.
 */
record ServerArguments(Path root, int port) {

    static final String USAGE = "usage: StaticFileServer <document-root> [<port>] (the port defaults to $PM_PORT)";

    static ServerArguments parse(List<String> args, Map<String, String> environment) {
        if (args.isEmpty() || args.size() > 2) {
            throw invalid("expected a document root and a port, got " + args.size() + " arguments; " + USAGE);
        }
        boolean fromEnvironment = args.size() == 1;
        String port = fromEnvironment ? environment.get("PM_PORT") : args.get(1);
        if (port == null) {
            throw invalid("no port: give it after the document root or set PM_PORT; " + USAGE);
        }
        return new ServerArguments(Path.of(args.get(0)), parsePort(port, fromEnvironment ? " (from PM_PORT)" : ""));
    }

    private static int parsePort(String text, String source) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the value.
        }
        throw invalid("the port '" + text + "'" + source + " is not a number from 1 to 65535; " + USAGE);
    }

    private static PaasmakerException invalid(String message) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, message);
    }
}
