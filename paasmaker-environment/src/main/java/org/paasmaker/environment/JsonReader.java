package org.paasmaker.environment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader, so that an application needs no JSON library to read {@code PM_*}.
 *
 * <p>Objects become unmodifiable maps in the text's order (a JSON {@code null} is a {@code null}
 * value there), arrays unmodifiable lists, numbers {@link Long} (or {@link BigInteger} beyond it)
 * when they have no fraction or exponent and {@link BigDecimal} otherwise. Anything the RFC does not
 * allow is an error naming the source and the position: a trailing comma, a leading zero, an
 * unescaped control character, an unpaired surrogate escape, text after the value. A member name
 * given twice in one object is an error too, as the RFC leaves its meaning open.
 */
final class JsonReader {

    /** Deep enough for any real document, shallow enough that a hostile one cannot overflow the stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private final String source;
    private int pos;
    private int depth;

    private JsonReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * @param source what the text is, for errors ({@code PM_SERVICES})
     */
    static Object read(String text, String source) {
        JsonReader reader = new JsonReader(text, source);
        reader.skipWhitespace();
        if (reader.atEnd()) {
            throw new EnvironmentException(source + " is not valid JSON: it is empty; expected a JSON value");
        }
        Object value = reader.value();
        reader.skipWhitespace();
        if (!reader.atEnd()) {
            throw reader.expected("the end of the text after the JSON value");
        }
        return value;
    }

    private Object value() {
        if (atEnd()) {
            throw expected("a JSON value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw expected("a JSON value (an object, an array, a string, a number, true, false or null)");
            }
        };
    }

    private Map<String, Object> object() {
        int start = pos;
        enter(start);
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}')) {
            pos++;
            depth--;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw expected("'\"' to begin a member name");
            }
            int nameAt = pos;
            String name = string();
            if (members.containsKey(name)) {
                throw error(nameAt, "the member name '" + name + "' appears twice in one object");
            }
            skipWhitespace();
            expect(':', "':' after the member name");
            skipWhitespace();
            members.put(name, value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else if (peek('}')) {
                pos++;
                depth--;
                return Collections.unmodifiableMap(members);
            } else {
                throw expected("',' or '}' after a member of the object that begins at " + TextPosition.of(text, start));
            }
        }
    }

    private List<Object> array() {
        int start = pos;
        enter(start);
        pos++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek(']')) {
            pos++;
            depth--;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else if (peek(']')) {
                pos++;
                depth--;
                return Collections.unmodifiableList(elements);
            } else {
                throw expected("',' or ']' after an element of the array that begins at " + TextPosition.of(text, start));
            }
        }
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw expected("'\"' to end the string that begins at " + TextPosition.of(text, start));
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                escape(out);
            } else if (c < 0x20) {
                throw expected("a character of the string; a control character must be escaped (\\n, \\t, \\u0000)");
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder out) {
        int at = pos;
        pos++;
        if (atEnd()) {
            throw expected("an escape after '\\'");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicodeEscape(out, at);
            default -> {
                pos--;
                throw expected("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX after '\\'");
            }
        }
    }

    /** A {@code \}{@code uXXXX} escape; a surrogate must come in a high-then-low pair, as UTF-16 has it. */
    private void unicodeEscape(StringBuilder out, int at) {
        char unit = hex4();
        if (Character.isLowSurrogate(unit)) {
            throw error(at, String.format("the escape \\u%04X is a low surrogate without the high surrogate that"
                    + " must come before it", (int) unit));
        }
        if (Character.isHighSurrogate(unit)) {
            if (!text.startsWith("\\u", pos)) {
                throw expected(String.format("a \\u escape of a low surrogate (DC00-DFFF) after the high"
                        + " surrogate \\u%04X", (int) unit));
            }
            int lowAt = pos;
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error(lowAt, String.format("expected a low surrogate (\\uDC00-\\uDFFF) after the high"
                        + " surrogate \\u%04X, found \\u%04X", (int) unit, (int) low));
            }
            out.append(unit).append(low);
            return;
        }
        out.append(unit);
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = atEnd() ? -1 : Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
                throw expected("four hexadecimal digits after \\u");
            }
            value = value * 16 + digit;
            pos++;
        }
        return (char) value;
    }

    private Object number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
            if (!atEnd() && isDigit(text.charAt(pos))) {
                throw expected("'.', 'e' or the end of the number: a number does not begin with 0 unless it is 0");
            }
        } else {
            digits("a digit");
        }
        boolean integral = true;
        if (peek('.')) {
            pos++;
            digits("a digit after the decimal point");
            integral = false;
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            digits("a digit in the exponent");
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return new BigDecimal(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void digits(String expected) {
        if (atEnd() || !isDigit(text.charAt(pos))) {
            throw expected(expected);
        }
        while (!atEnd() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw expected("a JSON value (an object, an array, a string, a number, true, false or null)");
        }
        pos += word.length();
        return value;
    }

    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "the document nests objects and arrays more than " + MAX_DEPTH + " deep");
        }
    }

    /** The RFC's whitespace: space, tab, line feed and carriage return, nothing else. */
    private void skipWhitespace() {
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c, String expected) {
        if (!peek(c)) {
            throw expected(expected);
        }
        pos++;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private EnvironmentException expected(String what) {
        String found = atEnd() ? "the end of the text" : TextPosition.describe(text.charAt(pos));
        return error(pos, "expected " + what + ", found " + found);
    }

    private EnvironmentException error(int at, String message) {
        return new EnvironmentException(source + " is not valid JSON at " + TextPosition.of(text, at) + ": " + message);
    }
}
