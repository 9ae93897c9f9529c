package org.paasmaker.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendedTextTest {

    @TempDir
    Path directory;

    @Test
    void wholeLinesStopAtTheLastNewlineAndTheRestWaits() throws IOException {
        Path file = write("one\ntwo\nthr");

        assertThat(AppendedText.read(file, 0, 1024, true)).isEqualTo(new AppendedText.Read(0, 8, "one\ntwo\n"));
        assertThat(AppendedText.read(file, 8, 1024, true)).isEqualTo(new AppendedText.Read(8, 8, ""));
        assertThat(AppendedText.read(file, 8, 1024, false)).isEqualTo(new AppendedText.Read(8, 11, "thr"));
    }

    @Test
    void aLineLongerThanAReadComesInPiecesCutBetweenCharacters() throws IOException {
        Path file = write("üüü\n");

        AppendedText.Read first = AppendedText.read(file, 0, 5, true);
        assertThat(first).isEqualTo(new AppendedText.Read(0, 4, "üü"));
        assertThat(AppendedText.read(file, first.next(), 5, true)).isEqualTo(new AppendedText.Read(4, 7, "ü\n"));
        assertThat(AppendedText.read(file, 0, 5, false)).isEqualTo(new AppendedText.Read(0, 4, "üü"));
    }

    @Test
    void aFileShorterThanTheOffsetIsReadFromItsStart() throws IOException {
        Path file = write("new\n");

        assertThat(AppendedText.read(file, 100, 1024, true)).isEqualTo(new AppendedText.Read(0, 4, "new\n"));
        assertThat(AppendedText.read(directory.resolve("missing"), 100, 1024, true))
                .isEqualTo(new AppendedText.Read(0, 0, ""));
        assertThatThrownBy(() -> AppendedText.read(file, -1, 1024, true)).isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("log"), text, StandardCharsets.UTF_8);
    }
}
