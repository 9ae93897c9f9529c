package org.paasmaker.api.cron;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** One of the five fields of a cron expression: its range, its names, and how to read it into a bit set. */
enum CronField {
    MINUTE("minute", 0, 59, List.of(), ""),
    HOUR("hour", 0, 23, List.of(), ""),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of(), ""),
    MONTH("month", 1, 12,
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            " (jan-dec)"),
    // 7 is accepted as Sunday, as most crons do; the bit is folded onto 0 after reading.
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"), " (sun-sat)");

    private final String label;
    private final int min;
    private final int max;
    private final List<String> names;
    private final String namesHint;

    CronField(String label, int min, int max, List<String> names, String namesHint) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
        this.namesHint = namesHint;
    }

    /**
     * The values a field's text allows, as a bit set (bit n for value n).
     *
     * @throws IllegalArgumentException saying which part of the text is wrong and why
     */
    long read(String text) {
        long bits = 0;
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(label + " '" + text + "' has an empty entry between commas");
            }
            bits |= readItem(item);
        }
        if (this == DAY_OF_WEEK && (bits & (1L << 7)) != 0) {
            bits = (bits & ~(1L << 7)) | 1L;
        }
        return bits;
    }

    /** The values in the bits, by name where the field has names: "feb, apr" or "30, 31". */
    String describe(long bits) {
        StringBuilder text = new StringBuilder();
        for (int value = min; value <= max; value++) {
            if ((bits & (1L << value)) != 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(names.isEmpty() ? String.valueOf(value) : names.get(value - (this == MONTH ? 1 : 0)));
            }
        }
        return text.toString();
    }

    private long readItem(String item) {
        String[] rangeAndStep = item.split("/", -1);
        if (rangeAndStep.length > 2) {
            throw new IllegalArgumentException(label + " '" + item + "' has more than one step");
        }
        String range = rangeAndStep[0];
        int step = rangeAndStep.length == 2 ? step(item, rangeAndStep[1]) : 1;
        int low;
        int high;
        if (range.equals("*")) {
            low = min;
            high = this == DAY_OF_WEEK ? 6 : max;
        } else if (range.indexOf('-') > 0) {
            String[] ends = range.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException(label + " '" + item + "' is not a range such as 1-5");
            }
            low = value(ends[0]);
            high = value(ends[1]);
            // "fri-sun" reads naturally; Sunday closing a range is 7, not 0.
            if (this == DAY_OF_WEEK && high == 0 && low > 0) {
                high = 7;
            }
            if (low > high) {
                throw new IllegalArgumentException(label + " range '" + range + "' goes backwards; write "
                        + ends[1] + "-" + ends[0]);
            }
        } else {
            if (rangeAndStep.length == 2) {
                throw new IllegalArgumentException(label + " '" + item
                        + "' has a step without a range; write */" + step + " or " + range + "-" + max + "/" + step);
            }
            low = value(range);
            high = low;
        }
        long bits = 0;
        for (int value = low; value <= high; value += step) {
            bits |= 1L << value;
        }
        return bits;
    }

    private int step(String item, String text) {
        int step = number(text).orElseThrow(() -> new IllegalArgumentException(
                label + " step '" + text + "' in '" + item + "' must be a whole number of 1 or more"));
        if (step < 1) {
            throw new IllegalArgumentException(label + " step in '" + item + "' must be 1 or more, not " + step);
        }
        return step;
    }

    private int value(String text) {
        int nameIndex = names.indexOf(text.toLowerCase(Locale.ROOT));
        if (nameIndex >= 0) {
            return nameIndex + (this == MONTH ? 1 : 0);
        }
        int value = number(text).orElseThrow(() -> new IllegalArgumentException(
                label + " '" + text + "' is not a number" + (names.isEmpty() ? "" : " or a name" + namesHint)));
        if (value < min || value > max) {
            throw new IllegalArgumentException(label + " " + value + " is not between " + min + " and " + max);
        }
        return value;
    }

    private static OptionalInt number(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(text));
    }
}
