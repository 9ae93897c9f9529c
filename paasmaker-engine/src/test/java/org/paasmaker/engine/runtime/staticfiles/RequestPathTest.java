package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @Test
    void decodesEachSegment() {
        RequestPath path = RequestPath.parse("/a%20b/caf%C3%A9/x+y.txt").orElseThrow();

        assertThat(path.segments()).containsExactly("a b", "café", "x+y.txt");
        assertThat(path.endsWithSlash()).isFalse();
    }

    @Test
    void theRootHasNoSegments() {
        RequestPath root = RequestPath.parse("/").orElseThrow();

        assertThat(root.segments()).isEmpty();
        assertThat(root.endsWithSlash()).isTrue();
        assertThat(root.rawPath()).isEqualTo("/");
    }

    @Test
    void runsOfSlashesCountAsOne() {
        RequestPath path = RequestPath.parse("//docs//guide//").orElseThrow();

        assertThat(path.segments()).containsExactly("docs", "guide");
        assertThat(path.rawPath()).isEqualTo("/docs/guide/");
        assertThat(path.endsWithSlash()).isTrue();
    }

    @Test
    void theRawPathKeepsTheClientsEncoding() {
        assertThat(RequestPath.parse("/a%20b").orElseThrow().rawPath()).isEqualTo("/a%20b");
    }

    @Test
    void rawUtf8BytesReadAsIso88591AreDecoded() {
        String asHttpServerReadsIt = new String("/café".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);

        assertThat(RequestPath.parse(asHttpServerReadsIt).orElseThrow().segments()).containsExactly("café");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/a/../b", "/%2e%2e/x", "/%2E%2e/x", "/.", "/a/%2e/b", "/a%2fb", "/a%2Fb", "/a%5cb",
        "/a\\b", "/a%00b", "/%c0%ae%c0%ae/x", "/%ff", "/%", "/%2", "/%g0", "relative", ""})
    void refusesWhatCouldLeaveTheRootOrIsMalformed(String raw) {
        assertThat(RequestPath.parse(raw)).as(raw).isEmpty();
    }

    @Test
    void refusesNoPathAtAll() {
        assertThat(RequestPath.parse(null)).isEmpty();
    }

    @Test
    void namesStartingWithADotAreHiddenExceptTheWellKnownDirectory() {
        assertThat(RequestPath.isHidden(List.of(".env"))).isTrue();
        assertThat(RequestPath.isHidden(List.of("app", ".git", "config"))).isTrue();
        assertThat(RequestPath.isHidden(List.of(".well-known", "security.txt"))).isFalse();
        assertThat(RequestPath.isHidden(List.of(".well-known", ".secret"))).isTrue();
        assertThat(RequestPath.isHidden(List.of("docs", ".well-known"))).isTrue();
        assertThat(RequestPath.isHidden(List.of("file.with.dots"))).isFalse();
    }
}
