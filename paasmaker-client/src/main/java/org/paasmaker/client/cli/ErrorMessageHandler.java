package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.paasmaker.api.error.PaasmakerException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong as one message for the user; the stack trace and its causes only with
 * {@code --debug}. The exit code is the error code's.
 */
final class ErrorMessageHandler implements IExecutionExceptionHandler {

    private final BooleanSupplier debug;
    private final IExitCodeExceptionMapper exitCodes;

    ErrorMessageHandler(BooleanSupplier debug, IExitCodeExceptionMapper exitCodes) {
        this.debug = debug;
        this.exitCodes = exitCodes;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof PaasmakerException known) {
            err.println("paasmaker: " + known.getMessage());
        } else {
            err.println("paasmaker: internal error: " + failure + (debug.getAsBoolean() ? ""
                    : "; run the command again with --debug for the details, and report it"));
        }
        if (debug.getAsBoolean()) {
            failure.printStackTrace(err);
        }
        return exitCodes.getExitCode(failure);
    }
}
