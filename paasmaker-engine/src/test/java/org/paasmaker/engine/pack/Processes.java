package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code tar}, {@code gzip} and friends that the tests hold our output against. */
final class Processes {

    record Result(int exitCode, byte[] stdout, String stderr) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Processes() {
    }

    static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile()).start();
        process.getOutputStream().close();
        // stderr is small; read it on the side so that a full pipe never blocks the process.
        StringBuilder stderr = new StringBuilder();
        Thread errors = new Thread(() -> stderr.append(readQuietly(process.getErrorStream())));
        errors.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 2 minutes");
        }
        errors.join();
        return new Result(process.exitValue(), stdout, stderr.toString());
    }

    private static String readQuietly(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
