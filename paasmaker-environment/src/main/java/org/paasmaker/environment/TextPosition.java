package org.paasmaker.environment;

/**
 * Where in a text a reader stopped, said the way a user finds it: a character offset in a one-line
 * text (as an environment variable usually is), a line and a column otherwise. Both count from 1.
 */
final class TextPosition {

    private TextPosition() {
    }

    static String of(String text, int offset) {
        if (text.indexOf('\n') < 0) {
            return "character " + (offset + 1);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return lineAndColumn(line, offset - lineStart + 1);
    }

    static String lineAndColumn(int line, int column) {
        return "line " + line + ", column " + column;
    }

    /** One character as an error shows it: printable ones quoted, others by their code point. */
    static String describe(char c) {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
