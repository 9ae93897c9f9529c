package org.paasmaker.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    @Test
    void readsObjectsArraysAndScalarsKeepingTheMembersOrderAndNulls() {
        Object value = JsonReader.read(" {\"b\": [1, \"two\", true, false, null, {}, []], \"a\": null}\r\n\t", "TEST");

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("b", "a"));
        assertThat(map.get("a")).isNull();
        assertThat(map.containsKey("a")).isTrue();
        assertThat(map.get("b")).isEqualTo(Arrays.asList(1L, "two", true, false, null, Map.of(), List.of()));
        assertThatThrownBy(() -> ((Map<String, Object>) cast(map)).put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsEveryEscapeAndJoinsASurrogatePair() {
        Object value = JsonReader.read("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00 plain é\"", "TEST");

        assertThat(value).isEqualTo("\"\\/\b\f\n\r\té€\uD83D\uDE00 plain é");
        assertThat(((String) value).codePointCount(0, ((String) value).length())).isEqualTo(19);
    }

    @Test
    void readsIntegersAsLongsOrBigIntegersAndTheRestAsBigDecimals() {
        Object value = JsonReader.read("[0, -12, 9223372036854775807, 9223372036854775808, 1.50, 1e3, -0.5E-2]", "TEST");

        assertThat(value).isEqualTo(List.of(0L, -12L, Long.MAX_VALUE, new BigInteger("9223372036854775808"),
                new BigDecimal("1.50"), new BigDecimal("1e3"), new BigDecimal("-0.5E-2")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"a\": 1,}           | character 9: expected '\"' to begin a member name, found '}'",
        "[1, 2,]              | character 7: expected a JSON value (an object, an array, a string, a number, true, false or null), found ']'",
        "{\"a\" 1}            | character 6: expected ':' after the member name, found '1'",
        "{\"a\": 1 \"b\": 2}  | character 9: expected ',' or '}' after a member of the object that begins at character 1, found '\"'",
        "[1 2]                | character 4: expected ',' or ']' after an element of the array that begins at character 1, found '2'",
        "\"abc                | character 5: expected '\"' to end the string that begins at character 1, found the end of the text",
        "\"\\x\"              | character 3: expected one of",
        "\"\\u12g4\"          | character 6: expected four hexadecimal digits after \\u, found 'g'",
        "\"\\ud83d\"          | character 8: expected a \\u escape of a low surrogate (DC00-DFFF) after the high surrogate \\uD83D",
        "\"\\ud83d\\u0041\"   | character 8: expected a low surrogate (\\uDC00-\\uDFFF) after the high surrogate \\uD83D, found \\u0041",
        "\"\\ude00\"          | character 2: the escape \\uDE00 is a low surrogate without the high surrogate",
        "01                   | character 2: expected '.', 'e' or the end of the number",
        "1.                   | character 3: expected a digit after the decimal point, found the end of the text",
        "1e                   | character 3: expected a digit in the exponent",
        "-                    | character 2: expected a digit, found the end of the text",
        "+1                   | character 1: expected a JSON value",
        "{} x                 | character 4: expected the end of the text after the JSON value, found 'x'",
        "tru                  | character 1: expected a JSON value",
        "NaN                  | character 1: expected a JSON value",
        "'a'                  | character 1: expected a JSON value",
        "{\"a\": 1, \"a\": 2} | character 10: the member name 'a' appears twice in one object",
        "{a: 1}               | character 2: expected '\"' to begin a member name, found 'a'",
    })
    void rejectsWhatTheRfcDoesNotAllowNamingTheSourceAndTheCharacter(String text, String message) {
        assertThatThrownBy(() -> JsonReader.read(text.strip(), "PM_TEST"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("PM_TEST is not valid JSON at " + message);
    }

    @Test
    void rejectsAnEmptyTextAndAnUnescapedControlCharacter() {
        assertThatThrownBy(() -> JsonReader.read(" \n", "PM_TEST"))
                .hasMessage("PM_TEST is not valid JSON: it is empty; expected a JSON value");
        assertThatThrownBy(() -> JsonReader.read("\"a\tb\"", "PM_TEST"))
                .hasMessage("PM_TEST is not valid JSON at character 3: expected a character of the string; a control"
                        + " character must be escaped (\\n, \\t, \\u0000), found U+0009");
    }

    @Test
    void givesALineAndAColumnInATextOfSeveralLines() {
        assertThatThrownBy(() -> JsonReader.read("{\n  \"a\": 1,\n}", "PM_TEST"))
                .hasMessage("PM_TEST is not valid JSON at line 3, column 1: expected '\"' to begin a member name, found '}'");
    }

    @Test
    void refusesADocumentNestedDeeperThanAnyRealOne() {
        char[] open = new char[600];
        Arrays.fill(open, '[');

        assertThatThrownBy(() -> JsonReader.read(new String(open), "PM_TEST"))
                .hasMessage("PM_TEST is not valid JSON at character 513: the document nests objects and arrays more"
                        + " than 512 deep");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
