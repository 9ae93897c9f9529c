package org.paasmaker.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlReaderTest {

    @Test
    void readsTheOriginalsFallbackFile() {
        Object document = YamlReader.read(Fixtures.text("original/fallback.yml"), "file");

        assertThat(document).isEqualTo(Map.of(
                "application", Map.of("name", "test", "version", 1L, "workspace", "Test", "workspace_stub", "test"),
                "services", Map.of("parameters", Map.of("foo", "bar")),
                "workspace", Map.of(),
                "node", Map.of(),
                "port", 9002L));
        assertThat(List.copyOf(((Map<?, ?>) document).keySet())).isEqualTo(List.of("application", "services", "workspace", "node", "port"));
    }

    @Test
    void readsNestedBlockMappingsListsFlowCollectionsScalarsAndComments() {
        Object document = YamlReader.read("""
                --- # the one document
                # a comment line
                application:
                  name: "hello: world"   # a comment after a quoted value
                  version: 3
                  workspace: 'it''s # not a comment'
                  workspace_stub: stub#1
                services:
                  db:
                    protocol: pgsql
                    port: 5432
                    password: "p\\"w\\\\d\\u00e9\\x41\\U0001F600"
                    ratio: 1.50
                    enabled: true
                    nothing: ~
                    empty:
                  hosts:
                    - one.example
                    - "two.example"
                    -   3
                  at-key-indentation:
                  - a
                  - b
                  items:
                    - name: first
                      size: 1
                    - name: second
                    -
                      - nested
                  flow: {a: [1, two, {b: c}], 'quoted key': "v", url: http://x:80/p, none: }
                  flow-list: [ ]
                """, "file");

        Map<String, Object> expectedDb = new LinkedHashMap<>();
        expectedDb.put("protocol", "pgsql");
        expectedDb.put("port", 5432L);
        expectedDb.put("password", "p\"w\\déA\uD83D\uDE00");
        expectedDb.put("ratio", new BigDecimal("1.50"));
        expectedDb.put("enabled", true);
        expectedDb.put("nothing", null);
        expectedDb.put("empty", null);
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("a", List.of(1L, "two", Map.of("b", "c")));
        flow.put("quoted key", "v");
        flow.put("url", "http://x:80/p");
        flow.put("none", null);
        Map<?, ?> root = (Map<?, ?>) document;
        assertThat(root.get("application")).isEqualTo(Map.of("name", "hello: world", "version", 3L,
                "workspace", "it's # not a comment", "workspace_stub", "stub#1"));
        Map<?, ?> services = (Map<?, ?>) root.get("services");
        assertThat(List.copyOf(services.keySet())).isEqualTo(List.of("db", "hosts", "at-key-indentation", "items", "flow", "flow-list"));
        assertThat(services.get("db")).isEqualTo(expectedDb);
        assertThat(services.get("hosts")).isEqualTo(List.of("one.example", "two.example", 3L));
        assertThat(services.get("at-key-indentation")).isEqualTo(List.of("a", "b"));
        assertThat(services.get("items")).isEqualTo(List.of(Map.of("name", "first", "size", 1L), Map.of("name", "second"),
                List.of("nested")));
        assertThat(services.get("flow")).isEqualTo(flow);
        assertThat(services.get("flow-list")).isEqualTo(List.of());
    }

    @Test
    void resolvesPlainScalarsAsYaml12sCoreSchema() {
        Object document = YamlReader.read("[null, Null, ~, true, False, TRUE, yes, -7, +8, 012, 1e3, .5, 1.2.3, 9223372036854775808]",
                "file");

        assertThat(document).isEqualTo(Arrays.asList(null, null, null, true, false, true, "yes", -7L, 8L, 12L,
                new BigDecimal("1e3"), new BigDecimal(".5"), "1.2.3", new BigInteger("9223372036854775808")));
    }

    @Test
    void readsAnEmptyDocumentAsNullAndALoneScalarAsItself() {
        assertThat(YamlReader.read("# nothing here\n\n", "file")).isNull();
        assertThat(YamlReader.read("  just text  \n", "file")).isEqualTo("just text");
        assertThat(YamlReader.read("\uFEFFa: 1\r\nb: 2\r\n", "file")).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "a: 1\\n\\tb: 2                  => line 2, column 1: expected spaces for indentation, found a tab",
        "a: {b: c                        => line 1, column 9: expected ',' or '}', found the end of the line (the collection opened at column 4 must close with '}' on this line)",
        "a: [1, 2                        => line 1, column 9: expected ',' or ']', found the end of the line",
        "a: {b: c] }                     => line 1, column 9: expected ',' or '}', found ']'",
        "a: 1\\n  b: 2                   => line 2, column 3: expected a line indented by 0 spaces or fewer, found 2",
        "a:\\n  - x\\n  y: 1             => line 3, column 3: expected a line indented by 0 spaces or fewer, found 2",
        "a: 1\\na: 2                     => line 2, column 1: the key 'a' appears twice in one mapping",
        "a: {b: 1, b: 2}                 => line 1, column 11: the key 'b' appears twice in one mapping",
        "a: |\\n  text                   => line 1, column 4: expected a value on this line; block scalars ('|' and '>') are not supported",
        "a: &anchor 1                    => line 1, column 4: expected a value; anchors, aliases and tags ('&', '*', '!') are not supported",
        "a: \"abc                        => line 1, column 8: expected the closing \" of the string that begins at column 4; a quoted value must end on its line",
        "a: 'abc                         => line 1, column 8: expected the closing ' of the string that begins at column 4",
        "a: \"x\\q\"                     => line 1, column 7: expected one of the escapes",
        "a: b: c                         => line 1, column 5: expected the end of the value, found ':' which would open a mapping here",
        "a: \"b\" c                      => line 1, column 8: expected the end of the line (or a comment) after the value, found 'c'",
        "a: 1\\njust text                => line 2, column 1: expected 'key: value' (a colon followed by a space or the end of the line)",
        "- a\\nb: 1                      => line 2, column 1: expected a list item ('- ') like the lines above, found a line without one",
        "a: 1\\n- b                      => line 2, column 1: expected 'key: value' like the lines above, found a list item",
        "a: 1\\n---\\nb: 2               => line 2, column 1: expected one document, found a second '---'; a fallback file holds one",
        ": 1                             => line 1, column 1: expected a key before ':'",
    })
    void rejectsWhatItCannotReadNamingTheFileTheLineAndTheColumn(String text, String message) {
        String yaml = text.strip().replace("\\n", "\n").replace("\\t", "\t");

        assertThatThrownBy(() -> YamlReader.read(yaml, "fallback file f.yml"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("fallback file f.yml is not valid YAML at " + message);
    }

    @Test
    void aLineOutsideTheDocumentsOneValueIsAnError() {
        assertThatThrownBy(() -> YamlReader.read("  a: 1\nb: 2", "file"))
                .hasMessage("file is not valid YAML at line 2, column 1: expected a line indented by 2 spaces like the"
                        + " first one, found 0");
        assertThatThrownBy(() -> YamlReader.read("just text\nb: 2", "file"))
                .hasMessage("file is not valid YAML at line 2, column 1: expected the end of the document after its"
                        + " one value");
    }
}
