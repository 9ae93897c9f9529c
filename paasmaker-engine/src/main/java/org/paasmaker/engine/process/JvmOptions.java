package org.paasmaker.engine.process;

import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * The options of a JVM the engine starts (the router's, a static instance's file server's) as an
 * operator writes them in one setting: words split on blanks, replacing the defaults whole. The
 * engine chooses the code to run, so an option that names it is refused; so are a word that is no
 * option and a quote, which a split on blanks cannot honour.
 */
public final class JvmOptions {

    /** Options of {@code java} that say which code runs. */
    private static final List<String> CODE_OPTIONS = List.of("-jar", "-cp", "-classpath", "--class-path", "-m", "--module");

    private JvmOptions() {
    }

    /**
     * The options that {@code text} says, else {@code defaults} when it is blank.
     *
     * @param setting where the text comes from, for errors: a variable, or a plugin's setting and its variable
     * @param defaults what a blank text means, and the example an error gives
     * @throws PaasmakerException {@code INVALID_REQUEST} naming the setting, its value and the word that is wrong
     */
    public static List<String> parse(String setting, String text, List<String> defaults) {
        if (text.isBlank()) {
            return defaults;
        }
        List<String> options = List.of(text.strip().split("\\s+"));
        for (String option : options) {
            if (option.contains("\"") || option.contains("'")) {
                throw wrong(setting, text, option, "holds a quote, which is not understood: the options are split on"
                        + " blanks as written, so none can hold a blank; give them without quotes");
            }
            if (!option.startsWith("-") || option.length() == 1) {
                throw wrong(setting, text, option, "is no JVM option; give options of java separated by blanks, such as "
                        + String.join(" ", defaults));
            }
            if (CODE_OPTIONS.contains(option.split("=", 2)[0])) {
                throw wrong(setting, text, option, "names the code to run, which the engine chooses; give options of"
                        + " the JVM only");
            }
        }
        return options;
    }

    private static PaasmakerException wrong(String setting, String text, String option, String why) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, setting + " is '" + text + "', where '" + option + "' "
                + why);
    }
}
