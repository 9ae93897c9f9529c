package org.paasmaker.war.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir
    Path home;

    @Test
    void theFirstStartMakesAnOwnerOnlyTokenThatLaterStartsKeep() throws Exception {
        Path file = home.resolve("data/token");

        String first = TokenFile.readOrCreate(file);
        String second = TokenFile.readOrCreate(file);

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theTokenMatchesOnlyItself() {
        ApiToken token = new ApiToken("s3cret");

        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cretx")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
