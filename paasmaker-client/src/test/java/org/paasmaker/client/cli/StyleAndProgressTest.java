package org.paasmaker.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleAndProgressTest {

    @Test
    void coloursStatesOnlyOnATerminalWithoutNoColor() {
        assertThat(new CliContext(Map.of(), true, java.io.InputStream.nullInputStream()).colour()).isTrue();
        assertThat(new CliContext(Map.of("NO_COLOR", ""), true, java.io.InputStream.nullInputStream()).colour()).isFalse();
        assertThat(new CliContext(Map.of(), false, java.io.InputStream.nullInputStream()).colour()).isFalse();
        assertThat(new Style(true).state("FAILED")).isEqualTo("\u001b[31mFAILED\u001b[0m");
        assertThat(new Style(false).state("FAILED")).isEqualTo("FAILED");
    }

    @Test
    void tablesAlignColouredCellsByTheirVisibleText() {
        StringWriter out = new StringWriter();
        new Table("STATE", "ID").row(new Style(true).state("RUNNING"), 1).row("NEW", 2).print(new PrintWriter(out));

        assertThat(out.toString().replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("STATE    ID\nRUNNING  1\nNEW      2\n");
    }

    @Test
    void drawsABarOnATerminal() {
        StringWriter out = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(out), true, "the archive a.tgz");
        progress.sent(1024, 2048);
        progress.sent(2048, 2048);
        progress.finished();

        assertThat(out.toString()).startsWith("Uploading the archive a.tgz...\n\r  [###############...............]"
                + "  50%  1.0 KiB of 2.0 KiB")
                .contains("\r  [##############################] 100%  2.0 KiB of 2.0 KiB")
                .matches("(?s).*\rUploaded 2\\.0 KiB in \\d+\\.\\d s\\. *\n");
    }

    @Test
    void writesPlainLinesElsewhere() {
        StringWriter out = new StringWriter();
        UploadProgress progress = new UploadProgress(new PrintWriter(out), false, "the directory /code");
        progress.sent(100, -1);
        progress.sent(812, -1);
        progress.finished();

        assertThat(out.toString()).matches("Uploading the directory /code\\.\\.\\.\nUploaded 812 B in \\d+\\.\\d s\\.\n");
    }
}
