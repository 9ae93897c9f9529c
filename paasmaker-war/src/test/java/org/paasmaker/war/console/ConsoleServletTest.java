package org.paasmaker.war.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleServletTest {

    @Test
    void gzipIsSentOnlyWhereTheBrowserTakesIt() {
        assertThat(ConsoleServlet.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(ConsoleServlet.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(ConsoleServlet.acceptsGzip("*")).isTrue();
        assertThat(ConsoleServlet.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ConsoleServlet.acceptsGzip("x-gzip-not, identity")).isFalse();
        assertThat(ConsoleServlet.acceptsGzip("gzip;q=nonsense")).isFalse();
        assertThat(ConsoleServlet.acceptsGzip(null)).isFalse();
    }

    @Test
    void thePolicyAllowsNothingInline() {
        assertThat(ConsoleServlet.POLICY).contains("script-src 'self'", "style-src 'self'", "object-src 'none'")
                .doesNotContain("unsafe");
    }
}
