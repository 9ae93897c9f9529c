package org.paasmaker.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.plugin.BuiltinPlugins;

/**
 * Runs every manifest under {@code manifests/valid} and {@code manifests/invalid} in the test resources.
 * An invalid case is a {@code NAME.yml} with a {@code NAME.errors} beside it: one expected error per
 * line, as {@code LINE path: message}; blank lines and lines starting with # are ignored. Adding a case
 * is adding those two files.
 */
class ManifestCorpusTest {

    private final ManifestReader reader = new ManifestReader(BuiltinPlugins.catalog());

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void validManifestIsRead(Path manifest) {
        assertThatCode(() -> reader.read(manifest)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void invalidManifestReportsExactlyItsErrors(Path manifest) throws IOException {
        InvalidManifestException failure = catchThrowableOfType(InvalidManifestException.class,
                () -> reader.read(manifest));

        assertThat(failure).as("%s must be invalid", manifest.getFileName()).isNotNull();
        assertThat(failure.source()).isEqualTo(manifest.toString());
        assertThat(failure.errors())
                .extracting(error -> error.line() + " " + error)
                .containsExactlyElementsOf(expectedErrors(manifest));
    }

    @Test
    void everyInvalidManifestHasItsExpectedErrors() throws IOException {
        try (Stream<Path> files = Files.list(corpus("invalid"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            List<String> manifests = names.stream().filter(n -> n.endsWith(".yml"))
                    .map(n -> n.substring(0, n.length() - 4)).toList();
            List<String> expectations = names.stream().filter(n -> n.endsWith(".errors"))
                    .map(n -> n.substring(0, n.length() - 7)).toList();
            assertThat(expectations).containsExactlyElementsOf(manifests);
        }
    }

    static Stream<Named<Path>> validManifests() {
        return manifests("valid");
    }

    static Stream<Named<Path>> invalidManifests() {
        return manifests("invalid");
    }

    private static Stream<Named<Path>> manifests(String kind) {
        try (Stream<Path> files = Files.list(corpus(kind))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> expectedErrors(Path manifest) throws IOException {
        Path errors = manifest.resolveSibling(manifest.getFileName().toString().replace(".yml", ".errors"));
        return Files.readAllLines(errors).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    static Path corpus(String kind) {
        try {
            return Path.of(ManifestCorpusTest.class.getResource("/manifests/" + kind).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
