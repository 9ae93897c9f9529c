package org.paasmaker.engine.service.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** A dump's first and last bytes, which say what it is and whether it arrived whole, checked before any data is touched. */
public final class DumpFiles {

    private DumpFiles() {
    }

    /** Up to {@code count} bytes from the start. */
    public static byte[] head(Path dump, int count) {
        return read(dump, count, false);
    }

    /** Up to {@code count} bytes from the end. */
    public static byte[] tail(Path dump, int count) {
        return read(dump, count, true);
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The error for a file that is not the plugin's kind of dump: {@code what} says what it is instead. */
    public static PaasmakerException refused(String plugin, String expected, String what) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, "the file is not a dump " + plugin + " imports: " + what
                + "; it takes " + expected + ". The service's data was not touched.");
    }

    private static byte[] read(Path dump, int count, boolean fromEnd) {
        try (RandomAccessFile file = new RandomAccessFile(dump.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(count, length);
            byte[] bytes = new byte[size];
            file.seek(fromEnd ? length - size : 0);
            file.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INTERNAL, "cannot read the dump " + dump + ": " + e.getMessage(), e);
        }
    }
}
