package org.paasmaker.engine.cron;

import java.util.Objects;
import java.util.regex.Pattern;
import org.paasmaker.api.manifest.CronSpec;

/**
 * One cron of one instance type of one application, as it should run now.
 *
 * @param key names the cron stably across versions and engine restarts, such as {@code app-7/web/0}:
 *     segments of letters, digits, {@code .}, {@code _} and {@code -}, joined by {@code /}. The runner
 *     keeps its ledger entry and its log under this key, so a new key starts a new history.
 */
public record CronJob(String key, CronSpec spec) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    // File names stay well under the usual 255-byte limit, suffixes included.
    private static final int MAX_KEY_LENGTH = 200;

    public CronJob {
        checkKey(key);
        Objects.requireNonNull(spec, "spec");
    }

    /** The key, if valid, for looking up a cron's log by key alone. */
    static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the cron key '" + key + "' is longer than " + MAX_KEY_LENGTH
                    + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("the cron key '" + key + "' is not segments of letters, digits,"
                        + " '.', '_' and '-' joined by '/', such as app-7/web/0");
            }
        }
        return key;
    }

    /** The key as one file name: '~' cannot occur in a key, so two keys never share a file. */
    static String fileName(String key) {
        return checkKey(key).replace('/', '~');
    }
}
