package org.paasmaker.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

class JvmOptionsTest {

    private static final List<String> DEFAULTS = List.of("-Xmx64m", "-XX:+UseSerialGC");

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void aBlankSettingMeansTheDefaults(String text) {
        assertThat(JvmOptions.parse("SOME_VARIABLE", text, DEFAULTS)).isSameAs(DEFAULTS);
    }

    @Test
    void wordsSplitOnAnyBlanksInTheirOrderReplacingTheDefaultsWhole() {
        assertThat(JvmOptions.parse("SOME_VARIABLE", " -Xmx512m\t-Dx=a \n -Xss256k  -Xmx512m ", DEFAULTS))
                .containsExactly("-Xmx512m", "-Dx=a", "-Xss256k", "-Xmx512m");
        assertThat(JvmOptions.parse("SOME_VARIABLE", "-XX:+UseParallelGC", DEFAULTS)).containsExactly("-XX:+UseParallelGC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"64m", "-", "@options.txt", "Xmx64m"})
    void aWordThatIsNoOptionIsNamedWithTheSettingAndAnExample(String word) {
        assertThatThrownBy(() -> JvmOptions.parse("SOME_VARIABLE", "-Xmx64m " + word, DEFAULTS))
                .isInstanceOfSatisfying(PaasmakerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessage("SOME_VARIABLE is '-Xmx64m " + word + "', where '" + word + "' is no JVM option; give"
                        + " options of java separated by blanks, such as -Xmx64m -XX:+UseSerialGC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-jar /x.jar", "-cp /x", "-classpath /x", "--class-path /x", "--class-path=/x", "-m a/b",
        "--module a/b", "--module=a/b"})
    void anOptionThatNamesTheCodeToRunIsRefused(String text) {
        String option = text.split(" ")[0];
        assertThatThrownBy(() -> JvmOptions.parse("SOME_VARIABLE", "-Xmx64m " + text, DEFAULTS))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("SOME_VARIABLE is '-Xmx64m " + text + "', where '" + option
                        + "' names the code to run, which the engine chooses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Dgreeting=\"hello", "-Dgreeting='hello'", "\"-Xmx64m\""})
    void aQuoteIsRefusedRatherThanPassedOnAsWritten(String word) {
        assertThatThrownBy(() -> JvmOptions.parse("SOME_VARIABLE", word + " world\"", DEFAULTS))
                .isInstanceOf(PaasmakerException.class)
                .hasMessageContaining("SOME_VARIABLE is '" + word + " world\"', where '" + word + "' holds a quote");
    }

    @Test
    void optionsThatLookLikeCodeOptionsButAreNotPass() {
        assertThat(JvmOptions.parse("SOME_VARIABLE", "-Dcp=/x -javaagent:/a.jar -Dmodule=x", DEFAULTS))
                .containsExactly("-Dcp=/x", "-javaagent:/a.jar", "-Dmodule=x");
    }
}
