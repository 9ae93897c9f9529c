package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows an upload: on a terminal, a bar redrawn in place at most ten times a second; elsewhere (a log,
 * a pipe) a plain line at the start and one at the end. The client calls {@link #sent} from its own
 * thread.
 */
final class UploadProgress {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final long startedAt = System.nanoTime();
    private long lastDrawn;
    private long sent;
    private long total = -1;
    private int drawnWidth;

    UploadProgress(PrintWriter out, boolean terminal, String what) {
        this.out = out;
        this.terminal = terminal;
        out.println("Uploading " + what + "...");
        out.flush();
    }

    /** Bytes sent so far, of {@code total} ({@code -1} when unknown, as for a directory packed on the fly). */
    synchronized void sent(long bytes, long total) {
        this.sent = bytes;
        this.total = total;
        long now = System.nanoTime();
        if (terminal && (now - lastDrawn >= REDRAW_NANOS || total > 0 && bytes >= total)) {
            lastDrawn = now;
            draw(bar());
        }
    }

    /** The upload is over: the last line says how much went in how long. */
    synchronized void finished() {
        String line = String.format(Locale.ROOT, "Uploaded %s in %.1f s.", Render.bytes(sent),
                (System.nanoTime() - startedAt) / 1e9);
        if (terminal && drawnWidth > 0) {
            draw(line);
            out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar() {
        if (total <= 0) {
            return "  " + Render.bytes(sent);
        }
        int filled = (int) Math.min(BAR_WIDTH, sent * BAR_WIDTH / total);
        return "  [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", Math.min(100, sent * 100 / total)) + "  " + Render.bytes(sent)
                + " of " + Render.bytes(total);
    }

    private void draw(String text) {
        out.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        drawnWidth = text.length();
        out.flush();
    }
}
