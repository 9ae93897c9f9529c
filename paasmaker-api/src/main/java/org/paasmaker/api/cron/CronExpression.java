package org.paasmaker.api.cron;

import java.util.Objects;

/** A cron runspec: five fields or an {@code @daily}-style name. (Parsing lands with the manifest reader.) */
public final class CronExpression {

    private final String text;

    private CronExpression(String text) {
        this.text = text;
    }

    public static CronExpression parse(String text) {
        return new CronExpression(Objects.requireNonNull(text, "text").trim());
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
