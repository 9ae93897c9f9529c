package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.client.PaasmakerClientException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong as one message for the user, with each field error of the input on a line of
 * its own and, where the command line can tell, what to do (start the server, log in); the stack trace
 * and its causes only with {@code --debug}. The exit code is the error code's.
 */
final class ErrorMessageHandler implements IExecutionExceptionHandler {

    private final BooleanSupplier debug;
    private final Supplier<Optional<URI>> server;
    private final IExitCodeExceptionMapper exitCodes;

    ErrorMessageHandler(BooleanSupplier debug, Supplier<Optional<URI>> server, IExitCodeExceptionMapper exitCodes) {
        this.debug = debug;
        this.server = server;
        this.exitCodes = exitCodes;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable reported = unreachable(failure).<Throwable>map(cause -> cause).orElse(failure);
        if (reported instanceof PaasmakerException known) {
            err.println("paasmaker: " + withHint(known));
            if (!(known instanceof PaasmakerClientException)) {
                // The client's messages list their errors already.
                known.errors().forEach(error -> err.println("  " + lineOf(error) + error));
            }
        } else if (failure instanceof UncheckedIOException io) {
            err.println("paasmaker: " + io.getMessage() + ": " + io.getCause().getMessage());
        } else {
            err.println("paasmaker: internal error: " + failure + (debug.getAsBoolean() ? ""
                    : "; run the command again with --debug for the details, and report it"));
        }
        if (debug.getAsBoolean()) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCodes.getExitCode(reported);
    }

    /** A refused or unresolvable connection that reached here unwrapped, as the client reports it. */
    private Optional<PaasmakerException> unreachable(Exception failure) {
        if (failure instanceof PaasmakerException) {
            return Optional.empty();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnresolvedAddressException) {
                String where = server.get().map(URI::toString).orElse("(unknown)");
                return Optional.of(new PaasmakerException(ErrorCode.UNAVAILABLE, "cannot reach the server at " + where
                        + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                        failure));
            }
        }
        return Optional.empty();
    }

    private static String withHint(PaasmakerException known) {
        String message = known.getMessage();
        return switch (known.code()) {
            case UNAVAILABLE -> message.contains("PAASMAKER_SERVER") ? message
                    : message + "; is it running? Set --server or PAASMAKER_SERVER";
            case UNAUTHORIZED -> message.contains("paasmaker login") ? message
                    : message + (message.contains("PAASMAKER_TOKEN") ? "; or log in again with 'paasmaker login'"
                    : "; log in with 'paasmaker login', or set --token or PAASMAKER_TOKEN");
            default -> message;
        };
    }

    private static String lineOf(FieldError error) {
        return error.line() > 0 ? "line " + error.line() + ": " : "";
    }
}
