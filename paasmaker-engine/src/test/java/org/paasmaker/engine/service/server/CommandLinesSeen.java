package org.paasmaker.engine.service.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream that, when the first bytes of an export reach it (so while the program writing them
 * still runs), reads the command line of every process on the machine, as {@code ps} would show them
 * to anyone: a test then looks for the password there.
 */
public final class CommandLinesSeen extends FilterOutputStream {

    private final List<String> seen = new ArrayList<>();

    public CommandLinesSeen(OutputStream out) {
        super(out);
    }

    /** Every command line seen, its words joined by spaces; empty until bytes were written. */
    public List<String> commandLines() {
        return seen;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        look();
        out.write(bytes, offset, length);
    }

    @Override
    public void write(int b) throws IOException {
        look();
        out.write(b);
    }

    private void look() throws IOException {
        if (!seen.isEmpty()) {
            return;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    byte[] line = Files.readAllBytes(process.resolve("cmdline"));
                    seen.add(new String(line, StandardCharsets.UTF_8).replace('\0', ' ').strip());
                } catch (IOException e) {
                    // The process ended meanwhile.
                }
            }
        }
    }
}
