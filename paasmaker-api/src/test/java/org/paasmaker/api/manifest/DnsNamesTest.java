package org.paasmaker.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "w", "web-2", "2web", "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsDnsLabels(String name) {
        assertThat(DnsNames.labelProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Web", "web_2", "-web", "web-", "web.api", "w\u00e9b",
        "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesWhatCannotBeALabel(String name) {
        assertThat(DnsNames.labelProblem(name)).hasValueSatisfying(problem ->
                assertThat(problem).endsWith("cannot be used in hostnames: use 1 to 63 lowercase letters, digits"
                        + " and hyphens, not starting or ending with a hyphen"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "EXAMPLE.com", "localhost", "*", "*.example.com", "*.a.b.c.example.com",
        "xn--caf-dma.example", "127.0.0.1"})
    void acceptsHostnames(String hostname) {
        assertThat(DnsNames.hostnameProblem(hostname)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.", "**.example.com", "*example.com", "example.*", "caf\u00e9.example", "a b.com",
        ".example.com", "https://example.com/"})
    void refusesWhatIsNotAHostname(String hostname) {
        assertThat(DnsNames.hostnameProblem(hostname)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("'" + hostname + "' is not a hostname: "));
    }

    @org.junit.jupiter.api.Test
    void refusesAHostnameLongerThan253Characters() {
        String hostname = ("a".repeat(60) + ".").repeat(5) + "com";

        assertThat(DnsNames.hostnameProblem(hostname)).hasValueSatisfying(problem ->
                assertThat(problem).endsWith("is not a hostname: it is longer than 253 characters"));
    }
}
