package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingHostMatchTest {

    private static HostMatcher<String> matcher(String... patterns) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pattern : patterns) {
            values.put(pattern, pattern);
        }
        return new HostMatcher<>(values);
    }

    @Test
    void anExactNameWinsOverEveryWildcard() {
        HostMatcher<String> matcher = matcher("a.b.foo.com", "*.b.foo.com", "*.foo.com", "*");

        assertThat(matcher.match("a.b.foo.com")).isEqualTo("a.b.foo.com");
    }

    @Test
    void theLongestWildcardSuffixWinsThenEachShorterOne() {
        HostMatcher<String> matcher = matcher("*.b.foo.com", "*.foo.com", "*.com");

        assertThat(matcher.match("a.b.foo.com")).isEqualTo("*.b.foo.com");
        assertThat(matcher.match("x.y.b.foo.com")).as("any depth").isEqualTo("*.b.foo.com");
        assertThat(matcher.match("a.c.foo.com")).isEqualTo("*.foo.com");
        assertThat(matcher.match("b.foo.com")).as("*.b.foo.com needs a label before b").isEqualTo("*.foo.com");
        assertThat(matcher.match("bar.com")).isEqualTo("*.com");
        assertThat(matcher.match("com")).isNull();
    }

    @Test
    void aWildcardServesDeeperNamesUnlessAMoreSpecificOneExists() {
        HostMatcher<String> matcher = matcher("*.foo.com");

        assertThat(matcher.match("a.b.foo.com")).isEqualTo("*.foo.com");
        assertThat(matcher.match("foo.com")).as("a wildcard stands for at least one label").isNull();
    }

    @Test
    void theCatchAllServesWhatNothingElseMatches() {
        HostMatcher<String> matcher = matcher("known.com", "*");

        assertThat(matcher.match("known.com")).isEqualTo("known.com");
        assertThat(matcher.match("other.org")).isEqualTo("*");
        assertThat(matcher.match("localhost")).isEqualTo("*");
    }

    @Test
    void namesMatchWithoutRegardToCaseAndWithoutTheirPort() {
        HostMatcher<String> matcher = matcher("1.web.hello.dev.localhost", "*.example.com");

        assertThat(matcher.match("1.Web.HELLO.dev.localhost:8080")).isEqualTo("1.web.hello.dev.localhost");
        assertThat(matcher.match("WWW.Example.COM:80")).isEqualTo("*.example.com");
        assertThat(matcher.match("[::1]:8080")).isNull();
        assertThat(matcher("[::1]").match("[::1]:8080")).isEqualTo("[::1]");
    }

    @Test
    void nothingMatchesAnEmptyName() {
        HostMatcher<String> matcher = matcher("*");

        assertThat(matcher.match("")).isNull();
        assertThat(matcher.match(":8080")).isNull();
    }

    @Test
    void aHundredThousandHostnamesAllFindTheirOwnValue() {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            names.put(i + ".web.app" + (i % 977) + ".dev.localhost", "v" + i);
        }
        HostMatcher<String> matcher = new HostMatcher<>(names);

        for (int i = 0; i < 100_000; i++) {
            assertThat(matcher.match(i + ".web.app" + (i % 977) + ".dev.localhost")).isEqualTo("v" + i);
        }
        assertThat(matcher.match("100000.web.app0.dev.localhost")).isNull();
    }

    @Test
    void aLookupAllocatesNothing() {
        HostMatcher<String> matcher = matcher("1.web.hello.dev.localhost", "*.hello.dev.localhost", "*");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String host = "2.web.Hello.dev.localhost:8080";
        for (int i = 0; i < 100_000; i++) {
            matcher.match(host); // warm up: the interpreter and JIT may allocate while compiling
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            matcher.match(host);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 100,000 lookups").isLessThan(100_000);
    }
}
