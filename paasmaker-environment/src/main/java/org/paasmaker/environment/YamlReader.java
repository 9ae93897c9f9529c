package org.paasmaker.environment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of YAML that a fallback file needs, so that an application needs no YAML library: block
 * mappings and lists nested by indentation (a list may sit at its key's indentation, an item may open
 * a mapping: {@code - name: x}), flow mappings and lists on one line ({@code {a: b, c: [1, 2]}}),
 * plain, single- and double-quoted scalars, and comments.
 *
 * <p>Plain scalars resolve as YAML 1.2's core schema does: {@code null}, {@code ~} and an empty value
 * are null; {@code true}/{@code false} (also capitalised or upper case) are booleans; decimal
 * integers are {@link Long} (or {@link BigInteger}); decimals and exponents are {@link BigDecimal};
 * everything else is a string. So {@code yes} is a string here, where the original's PyYAML (YAML
 * 1.1) made it a boolean.
 *
 * <p>What it does not read is an error saying so, never a silent misreading: block scalars
 * ({@code |}, {@code >}), anchors, aliases and tags, several documents, a value or flow collection
 * that spans lines, tabs in indentation. Every error names the source, the line and the column.
 */
final class YamlReader {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** A line with content: its number (from 1), where its content begins, and the whole line. */
    private record Line(int number, int indent, String text) {
    }

    private final String source;
    private final List<Line> lines;
    private int next;

    /** The line being scanned and the index in it; columns are {@code pos + 1}. */
    private Line line;
    private int pos;

    private YamlReader(String source, List<Line> lines) {
        this.source = source;
        this.lines = lines;
    }

    /**
     * @param source what the text is, for errors ({@code fallback file /srv/app/paasmaker.yml})
     * @return the document's value: a map, a list, a scalar, or {@code null} for an empty document
     */
    static Object read(String text, String source) {
        YamlReader reader = new YamlReader(source, new ArrayList<>());
        reader.split(text);
        if (reader.lines.isEmpty()) {
            return null;
        }
        Line first = reader.lines.get(0);
        reader.start(first, first.indent());
        boolean list = reader.atItem();
        boolean mapping = !list && reader.atKey();
        Object value = reader.block(first.indent());
        if (reader.next < reader.lines.size()) {
            Line extra = reader.lines.get(reader.next);
            String expected = !list && !mapping ? "the end of the document after its one value"
                    : extra.indent() != first.indent() ? "a line indented by " + first.indent()
                            + " spaces like the first one, found " + extra.indent()
                    : "a list item ('- ') like the lines above, found a line without one";
            throw reader.error(extra, extra.indent(), "expected " + expected);
        }
        return value;
    }

    /** Keeps the lines with content; a leading {@code ---} opens the one document this reader reads. */
    private void split(String text) {
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String content = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (i == 0 && content.startsWith("\uFEFF")) {
                content = content.substring(1);
            }
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            String rest = content.substring(indent).strip();
            if (rest.isEmpty() || rest.startsWith("#")) {
                continue;
            }
            if (content.charAt(indent) == '\t') {
                throw error(new Line(i + 1, indent, content), indent, "expected spaces for indentation, found a tab");
            }
            Line kept = new Line(i + 1, indent, content);
            if (indent == 0 && (rest.equals("---") || rest.startsWith("--- ") || rest.equals("..."))) {
                if (rest.equals("...")) {
                    throw error(kept, 0, "expected content, found the document end marker '...', which this reader"
                            + " does not support");
                }
                if (!lines.isEmpty()) {
                    throw error(kept, 0, "expected one document, found a second '---'; a fallback file holds one");
                }
                if (rest.length() > 3 && !rest.substring(3).strip().startsWith("#")) {
                    throw error(kept, 4, "expected the document on the lines after '---'");
                }
                continue;
            }
            if (indent == 0 && rest.startsWith("%")) {
                throw error(kept, 0, "expected content, found a directive ('%'), which this reader does not support");
            }
            lines.add(kept);
        }
    }

    /** A mapping, a list or a lone value, whichever the line at {@code next} (indented by indent) begins. */
    private Object block(int indent) {
        Line first = lines.get(next);
        start(first, indent);
        if (atItem()) {
            return sequence(indent);
        }
        if (atKey()) {
            return mapping(indent);
        }
        next++;
        Object value = inlineValue();
        endOfLine("after the value");
        return value;
    }

    private Map<String, Object> mapping(int indent) {
        Map<String, Object> entries = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent() == indent) {
            Line current = lines.get(next);
            start(current, indent);
            if (atItem()) {
                throw error(current, pos, "expected 'key: value' like the lines above, found a list item");
            }
            int keyAt = pos;
            String key = key();
            if (entries.containsKey(key)) {
                throw error(current, keyAt, "the key '" + key + "' appears twice in one mapping");
            }
            next++;
            skipSpaces();
            entries.put(key, atEndOfContent() ? nestedValue(indent) : inlineValueToEndOfLine());
        }
        rejectDeeperLine(indent);
        return Collections.unmodifiableMap(entries);
    }

    private List<Object> sequence(int indent) {
        List<Object> items = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent) {
            Line current = lines.get(next);
            start(current, indent);
            if (!atItem()) {
                // A list at its key's indentation ends where the mapping's next key begins.
                break;
            }
            pos++;
            skipSpaces();
            if (atEndOfContent()) {
                next++;
                items.add(next < lines.size() && lines.get(next).indent() > indent ? block(lines.get(next).indent()) : null);
            } else if (atItem() || atKey()) {
                // "- name: x" opens a mapping (or "- - x" a list) whose column is that of its first key.
                lines.set(next, new Line(current.number(), pos, current.text()));
                items.add(block(pos));
            } else {
                next++;
                items.add(inlineValueToEndOfLine());
            }
        }
        rejectDeeperLine(indent);
        return Collections.unmodifiableList(items);
    }

    /** The value of a key with nothing after its colon: a deeper block, a list at its indentation, or null. */
    private Object nestedValue(int indent) {
        if (next >= lines.size()) {
            return null;
        }
        Line following = lines.get(next);
        if (following.indent() > indent) {
            return block(following.indent());
        }
        if (following.indent() == indent) {
            start(following, indent);
            if (atItem()) {
                return sequence(indent);
            }
        }
        return null;
    }

    private void rejectDeeperLine(int indent) {
        if (next < lines.size() && lines.get(next).indent() > indent) {
            Line deeper = lines.get(next);
            throw error(deeper, deeper.indent(), "expected a line indented by " + indent + " spaces or fewer, found "
                    + deeper.indent() + "; is it the rest of the value above? A value must fit on its line");
        }
    }

    private String key() {
        Object key;
        if (peek('"') || peek('\'')) {
            key = peek('"') ? doubleQuoted() : singleQuoted();
            skipSpaces();
        } else {
            int start = pos;
            int colon = keyColon(start);
            if (colon < 0) {
                throw error(line, start, "expected 'key: value' (a colon followed by a space or the end of the line)");
            }
            key = line.text().substring(start, colon).strip();
            if (key.toString().isEmpty()) {
                throw error(line, start, "expected a key before ':'");
            }
            pos = colon;
        }
        if (!peek(':') || !(pos + 1 >= line.text().length() || line.text().charAt(pos + 1) == ' ')) {
            throw error(line, pos, "expected ': ' after the key");
        }
        pos++;
        return key.toString();
    }

    private Object inlineValueToEndOfLine() {
        Object value = inlineValue();
        endOfLine("after the value");
        return value;
    }

    /** A flow collection, a quoted scalar or a plain scalar, starting at pos. */
    private Object inlineValue() {
        char c = line.text().charAt(pos);
        return switch (c) {
            case '{' -> flowMapping();
            case '[' -> flowSequence();
            case '"' -> doubleQuoted();
            case '\'' -> singleQuoted();
            case '|', '>' -> throw error(line, pos, "expected a value on this line; block scalars ('|' and '>') are"
                    + " not supported: write the value on one line, quoted if need be");
            case '&', '*', '!' -> throw error(line, pos, "expected a value; anchors, aliases and tags ('&', '*', '!')"
                    + " are not supported");
            case '@', '`' -> throw error(line, pos, "expected a value; '" + c + "' is reserved in YAML: quote the value");
            default -> plainInBlock();
        };
    }

    private Object plainInBlock() {
        int start = pos;
        String text = line.text();
        int end = start;
        while (end < text.length() && !(text.charAt(end) == '#' && text.charAt(end - 1) == ' ')) {
            if (text.charAt(end) == ':' && (end + 1 == text.length() || text.charAt(end + 1) == ' ')) {
                throw error(line, end, "expected the end of the value, found ':' which would open a mapping here;"
                        + " quote a value that holds ': '");
            }
            end++;
        }
        pos = end;
        return resolve(text.substring(start, end).strip());
    }

    private Map<String, Object> flowMapping() {
        int start = pos;
        pos++;
        Map<String, Object> entries = new LinkedHashMap<>();
        while (true) {
            skipSpaces();
            if (peek('}')) {
                pos++;
                return Collections.unmodifiableMap(entries);
            }
            int keyAt = pos;
            Object keyValue = flowScalarOrCollection(true);
            if (keyValue instanceof Map || keyValue instanceof List) {
                throw error(line, keyAt, "expected a key, found a collection");
            }
            String key = String.valueOf(keyValue);
            if (entries.containsKey(key)) {
                throw error(line, keyAt, "the key '" + key + "' appears twice in one mapping");
            }
            skipSpaces();
            Object value = null;
            if (peek(':')) {
                pos++;
                skipSpaces();
                if (!peek(',') && !peek('}')) {
                    value = flowScalarOrCollection(false);
                    skipSpaces();
                }
            } else if (!peek(',') && !peek('}')) {
                throw unclosed(start, "':', ',' or '}' after the key", '}');
            }
            entries.put(key, value);
            if (peek(',')) {
                pos++;
            } else if (!peek('}')) {
                throw unclosed(start, "',' or '}'", '}');
            }
        }
    }

    private List<Object> flowSequence() {
        int start = pos;
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (peek(']')) {
                pos++;
                return Collections.unmodifiableList(items);
            }
            items.add(flowScalarOrCollection(false));
            skipSpaces();
            if (peek(',')) {
                pos++;
            } else if (!peek(']')) {
                throw unclosed(start, "',' or ']'", ']');
            }
        }
    }

    private Object flowScalarOrCollection(boolean key) {
        if (atEndOfContent()) {
            throw error(line, pos, "expected a " + (key ? "key" : "value") + ", found the end of the line; a flow"
                    + " collection must close on the line it opens");
        }
        char c = line.text().charAt(pos);
        return switch (c) {
            case '{' -> flowMapping();
            case '[' -> flowSequence();
            case '"' -> doubleQuoted();
            case '\'' -> singleQuoted();
            case ',', ']', '}' -> throw error(line, pos, "expected a " + (key ? "key" : "value") + ", found '" + c + "'");
            case '&', '*', '!', '|', '>', '@', '`' -> inlineValue();
            default -> plainInFlow();
        };
    }

    /** A plain scalar inside {...} or [...]: it ends at ',', a bracket, ': ' or a comment. */
    private Object plainInFlow() {
        int start = pos;
        String text = line.text();
        int end = start;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || (c == '#' && text.charAt(end - 1) == ' ')) {
                break;
            }
            if (c == ':' && (end + 1 == text.length() || " ,[]{}".indexOf(text.charAt(end + 1)) >= 0)) {
                break;
            }
            end++;
        }
        pos = end;
        return resolve(text.substring(start, end).strip());
    }

    private String singleQuoted() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        String text = line.text();
        while (true) {
            if (pos >= text.length()) {
                throw error(line, pos, "expected the closing ' of the string that begins at column " + (start + 1)
                        + "; a quoted value must end on its line");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (peek('\'')) {
                    out.append('\'');
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    private String doubleQuoted() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        String text = line.text();
        while (true) {
            if (pos >= text.length()) {
                throw error(line, pos, "expected the closing \" of the string that begins at column " + (start + 1)
                        + "; a quoted value must end on its line");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error(line, pos, "expected an escape after '\\'");
            }
            char escape = text.charAt(pos++);
            switch (escape) {
                case '0' -> out.append('\0');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 't', '\t' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'v' -> out.append('\u000B');
                case 'f' -> out.append('\f');
                case 'r' -> out.append('\r');
                case 'e' -> out.append('\u001B');
                case ' ' -> out.append(' ');
                case '"' -> out.append('"');
                case '/' -> out.append('/');
                case '\\' -> out.append('\\');
                case 'x' -> out.appendCodePoint(hex(2));
                case 'u' -> out.appendCodePoint(hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> throw error(line, pos - 1, "expected one of the escapes \\0 \\a \\b \\t \\n \\v \\f \\r \\e"
                        + " \\\" \\/ \\\\ \\xXX \\uXXXX \\UXXXXXXXX, found '\\" + escape + "'");
            }
        }
    }

    private int hex(int digits) {
        String text = line.text();
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
            if (digit < 0) {
                throw error(line, pos, "expected " + digits + " hexadecimal digits in the escape");
            }
            value = value * 16 + digit;
            pos++;
        }
        if (!Character.isValidCodePoint(value)) {
            throw error(line, pos - digits, "expected a Unicode code point, found " + Integer.toHexString(value));
        }
        return value;
    }

    private static Object resolve(String plain) {
        switch (plain) {
            case "", "~", "null", "Null", "NULL" -> {
                return null;
            }
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> {
                if (INTEGER.matcher(plain).matches()) {
                    BigInteger big = new BigInteger(plain.startsWith("+") ? plain.substring(1) : plain);
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                if (DECIMAL.matcher(plain).matches()) {
                    return new BigDecimal(plain.startsWith("+") ? plain.substring(1) : plain);
                }
                return plain;
            }
        }
    }

    private void start(Line current, int indent) {
        line = current;
        pos = indent;
    }

    private boolean atItem() {
        String text = line.text();
        return peek('-') && (pos + 1 == text.length() || text.charAt(pos + 1) == ' ');
    }

    /** Whether the content at pos is "key:" followed by a space or the end: a quoted or plain key. */
    private boolean atKey() {
        int saved = pos;
        try {
            if (peek('"') || peek('\'')) {
                if (peek('"')) {
                    doubleQuoted();
                } else {
                    singleQuoted();
                }
                skipSpaces();
                String text = line.text();
                return peek(':') && (pos + 1 == text.length() || text.charAt(pos + 1) == ' ');
            }
            return "{[".indexOf(line.text().charAt(pos)) < 0 && keyColon(pos) >= 0;
        } catch (EnvironmentException notAKey) {
            // An unclosed quote is reported where the value is read, with the value's own message.
            return false;
        } finally {
            pos = saved;
        }
    }

    /** The index of the colon ending a plain key that starts at start, or -1; a comment ends the search. */
    private int keyColon(int start) {
        String text = line.text();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && i > start && text.charAt(i - 1) == ' ') {
                return -1;
            }
            if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private void endOfLine(String after) {
        skipSpaces();
        if (!atEndOfContent()) {
            throw error(line, pos, "expected the end of the line (or a comment) " + after + ", found "
                    + TextPosition.describe(line.text().charAt(pos)));
        }
    }

    /** At the end of the line, or at a comment (a '#' after a space, or at the start of the content). */
    private boolean atEndOfContent() {
        String text = line.text();
        return pos >= text.length() || (text.charAt(pos) == '#' && (pos == 0 || text.charAt(pos - 1) == ' '));
    }

    private void skipSpaces() {
        while (peek(' ')) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < line.text().length() && line.text().charAt(pos) == c;
    }

    private EnvironmentException unclosed(int start, String expected, char closing) {
        String found = pos >= line.text().length() ? "the end of the line" : TextPosition.describe(line.text().charAt(pos));
        return error(line, pos, "expected " + expected + ", found " + found + " (the collection opened at column "
                + (start + 1) + " must close with '" + closing + "' on this line)");
    }

    private EnvironmentException error(Line at, int index, String message) {
        return new EnvironmentException(source + " is not valid YAML at "
                + TextPosition.lineAndColumn(at.number(), index + 1) + ": " + message);
    }
}
