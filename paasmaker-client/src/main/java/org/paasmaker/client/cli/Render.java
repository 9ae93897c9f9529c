package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/** Small pieces of human output: tags, labelled fields, times and sizes. */
final class Render {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Render() {
    }

    /** {@code key=value, key=value}, or empty. */
    static String tags(Map<String, ?> tags) {
        return tags == null ? "" : tags.entrySet().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Lines of {@code Label:  value}, the values aligned; pairs of label and value. Empty values are left out. */
    static void fields(PrintWriter out, Object... labelsAndValues) {
        int width = 0;
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            width = Math.max(width, String.valueOf(labelsAndValues[i]).length());
        }
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            Object value = labelsAndValues[i + 1];
            if (value == null || String.valueOf(value).isEmpty()) {
                continue;
            }
            String label = labelsAndValues[i] + ":";
            out.println(label + " ".repeat(width + 3 - label.length()) + value);
        }
    }

    /** A time in the local zone to the second, or empty. */
    static String time(Instant instant) {
        return instant == null ? "" : LOCAL_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()));
    }

    /** {@code 812 B}, {@code 1.4 KiB}, {@code 2.0 MiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
