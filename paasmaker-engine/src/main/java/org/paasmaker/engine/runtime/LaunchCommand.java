package org.paasmaker.engine.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;
import org.paasmaker.api.runtime.LaunchPlan;
import org.paasmaker.api.runtime.LaunchRequest;

/**
 * The original Paasmaker's {@code launch_command}: Python {@code %} formatting with the port
 * ({@code %(port)d}, and {@code %%} for a literal {@code %}), then split into words the way Python's
 * {@code shlex.split} does, and run without a shell.
 */
final class LaunchCommand {

    private LaunchCommand() {
    }

    /** The plan for a runtime that runs the instance type's {@code launch_command}. */
    static LaunchPlan plan(LaunchRequest request, Map<String, String> environment) {
        String template = request.parameters().string("launch_command");
        List<String> command = split(format(template, request.port()));
        if (command.isEmpty()) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the launch_command is empty; give the command"
                    + " that starts the instance");
        }
        long seconds = request.port().isPresent()
                ? request.parameters().integer("start_timeout")
                : request.parameters().integer("standalone_wait");
        return new LaunchPlan(command, Virtualenv.activate(request.codeDirectory(), environment),
                Duration.ofSeconds(seconds));
    }

    /** Replaces {@code %(port)d} (or {@code s}, {@code i}) with the port and {@code %%} with {@code %}. */
    static String format(String template, OptionalInt port) {
        StringBuilder text = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
            } else if (template.startsWith("%%", i)) {
                text.append('%');
                i += 2;
            } else if (template.startsWith("%(port)", i) && i + 7 < template.length()
                    && "dsi".indexOf(template.charAt(i + 7)) >= 0) {
                if (port.isEmpty()) {
                    throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the launch_command '" + template
                            + "' uses %(port) but a standalone instance has no port; remove it, or make the"
                            + " instance type not standalone");
                }
                text.append(port.getAsInt());
                i += 8;
            } else {
                throw new PaasmakerException(ErrorCode.INVALID_MANIFEST, "the launch_command '" + template
                        + "' has a '%' at position " + (i + 1) + " that is not %(port)d; write %% for a literal %");
            }
        }
        return text.toString();
    }

    /** Words as a POSIX shell would split them: quotes group, a backslash escapes, no expansion. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\\\"$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new PaasmakerException(ErrorCode.INVALID_MANIFEST,
                    "the launch_command '" + line + "' has an unclosed " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
