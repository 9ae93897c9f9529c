package org.paasmaker.api.manifest;

import org.paasmaker.api.error.FieldError;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Words a SnakeYAML failure for the manifest's author: on which line, what is wrong, and for the
 * commonest mistake, an unquoted {@code *.example.com} that YAML reads as an alias, what to write instead.
 */
final class YamlErrors {

    private static final String UNDEFINED_ALIAS = "found undefined alias ";

    private YamlErrors() {
    }

    static FieldError describe(YAMLException failure, String text) {
        if (failure instanceof MarkedYAMLException marked) {
            return describe(marked, text);
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("Number of aliases")) {
            return new FieldError("", "the manifest uses more than " + YamlLoader.MAX_COLLECTION_ALIASES
                    + " aliases of maps and lists; write the values out instead", 0);
        }
        if (message.startsWith("Nesting Depth")) {
            return new FieldError("", "the manifest nests maps and lists more than " + YamlLoader.MAX_NESTING
                    + " levels deep", 0);
        }
        if (message.contains("exceeds the limit")) {
            return new FieldError("", "the manifest is larger than " + ManifestReader.MAX_BYTES + " characters", 0);
        }
        return new FieldError("", "the YAML cannot be read: " + message, 0);
    }

    private static FieldError describe(MarkedYAMLException failure, String text) {
        Mark context = failure.getContextMark();
        Mark problem = failure.getProblemMark() != null ? failure.getProblemMark() : context;
        String problemText = String.valueOf(failure.getProblem());
        if ("while scanning an alias".equals(failure.getContext()) && context != null) {
            String star = starredText(text, context);
            return new FieldError("", Describe.quote(star) + " must be quoted: an unquoted * starts a YAML alias;"
                    + " write " + Describe.quote(star), context.getLine() + 1);
        }
        if (problemText.startsWith(UNDEFINED_ALIAS) && problem != null) {
            String anchor = problemText.substring(UNDEFINED_ALIAS.length());
            String star = starredText(text, problem);
            return new FieldError("", "no anchor '&" + anchor + "' precedes the alias '*" + anchor
                    + "'; if you meant the text " + Describe.quote(star) + ", quote it", problem.getLine() + 1);
        }
        if (problem == null) {
            return new FieldError("", "the YAML cannot be read: " + problemText, 0);
        }
        int line = problem.getLine() + 1;
        if ("expected a single document in the stream".equals(failure.getContext())) {
            return new FieldError("", "a manifest is one YAML document; remove the '---' that starts another", line);
        }
        if (problemText.contains("(TAB)")) {
            return new FieldError("", "a tab indents this line; YAML indents with spaces only", line);
        }
        String hint = problemText.startsWith("mapping values are not allowed")
                ? "; a value that contains ': ' must be quoted" : "";
        return new FieldError("", "the YAML cannot be read: " + problemText.strip() + " (column "
                + (problem.getColumn() + 1) + ")" + hint, line);
    }

    /** The text the author wrote from the {@code *} at the mark to the end of the value. */
    private static String starredText(String text, Mark mark) {
        String line = text.lines().skip(mark.getLine()).findFirst().orElse("");
        String rest = line.substring(Math.min(mark.getColumn(), line.length()));
        int end = rest.length();
        for (String stop : new String[] {",", "]", "}", " #"}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end).strip();
    }
}
