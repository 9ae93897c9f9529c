package org.paasmaker.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryPathTest {

    @Test
    void namesAreNormalized() {
        assertThat(EntryPath.of("./app//src/./Main.java").path()).isEqualTo("app/src/Main.java");
        assertThat(EntryPath.of("app/lib/../bin/").path()).isEqualTo("app/bin");
        assertThat(EntryPath.of("./").isRoot()).isTrue();
        assertThat(EntryPath.of("app/bin/run").parent()).isEqualTo("app/bin");
        assertThat(EntryPath.of("run").parent()).isEmpty();
    }

    @Test
    void climbingOutOrStartingAtTheRootHasNoNormalForm() {
        assertThat(EntryPath.normalize("a/../..")).isEmpty();
        assertThat(EntryPath.normalize("/etc/passwd")).isEmpty();
        assertThat(EntryPath.normalize("a/b/../../c")).isEqualTo(Optional.of("c"));
    }

    @Test
    void aNulCharacterIsRefused() {
        assertThatThrownBy(() -> EntryPath.of("evil\0.txt"))
                .hasMessage("archive entry 'evil\\u0000.txt' has a NUL character in its name; the archive is refused");
    }

    @Test
    void controlCharactersInNamesAreEscapedInMessages() {
        assertThatThrownBy(() -> EntryPath.of("/x\nINFO all is well"))
                .hasMessage("archive entry '/x\\u000aINFO all is well' has an absolute path; the archive is refused");
    }

    @Test
    void lengthsAreCountedInUtf8Bytes() {
        String name = "é".repeat(128);

        assertThatThrownBy(() -> EntryPath.of(name)).hasMessageContaining("has a path part of 256 bytes");
    }
}
