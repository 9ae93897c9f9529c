package org.paasmaker.client.cli;

import java.util.Locale;

/**
 * Colour for people at a terminal: states in green (done, serving), red (failed) or yellow (on the
 * way), and bold for what to look at. Plain text everywhere else, and with {@code NO_COLOR}.
 */
final class Style {

    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    Style(boolean colour) {
        this.colour = colour;
    }

    String bold(String text) {
        return paint("\u001b[1m", text);
    }

    String red(String text) {
        return paint("\u001b[31m", text);
    }

    String green(String text) {
        return paint("\u001b[32m", text);
    }

    String dim(String text) {
        return paint("\u001b[2m", text);
    }

    /** A job's, version's or instance's state in the colour of what it means. */
    String state(Object state) {
        String name = String.valueOf(state);
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SUCCESS", "RUNNING", "READY", "UP" -> green(name);
            case "FAILED", "ABORTED", "ERROR", "DOWN" -> red(name);
            case "WAITING", "STARTING", "ALLOCATED", "REGISTERED", "NEW", "PREPARED" -> paint("\u001b[33m", name);
            default -> name;
        };
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
