package org.paasmaker.client.cli;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * A Paasmaker error exits with its code's exit code, a mistyped command line as an invalid request,
 * anything else as an internal error.
 */
final class ErrorCodeExitCodes implements IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof PaasmakerException known) {
            return known.code().exitCode();
        }
        return failure instanceof ParameterException ? ErrorCode.INVALID_REQUEST.exitCode()
                : ErrorCode.INTERNAL.exitCode();
    }
}
