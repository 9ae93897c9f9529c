package org.paasmaker.engine.pack;

import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/** The wording of a refused archive, kept in one place so every rule reads alike. */
final class Refusals {

    /** Names are quoted whole up to this length; a 4 KiB name would drown the message. */
    private static final int LONGEST_QUOTED = 200;

    private Refusals() {
    }

    /** {@code archive entry 'name' <problem>; the archive is refused}. */
    static PaasmakerException entry(String name, String problem) {
        return new PaasmakerException(ErrorCode.ARCHIVE_REJECTED,
                "archive entry " + quote(name) + " " + problem + "; the archive is refused");
    }

    static PaasmakerException archive(String message) {
        return new PaasmakerException(ErrorCode.ARCHIVE_REJECTED, message);
    }

    static PaasmakerException limit(String message) {
        return new PaasmakerException(ErrorCode.TOO_LARGE, message);
    }

    /** Control characters are escaped: a name from an archive must not forge lines in a log. */
    static String quote(String name) {
        String shown = name.length() <= LONGEST_QUOTED ? name : name.substring(0, LONGEST_QUOTED) + "...";
        StringBuilder quoted = new StringBuilder(shown.length() + 2).append('\'');
        for (char c : shown.toCharArray()) {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }
}
