package org.paasmaker.engine.runtime.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"html", "htm", "css", "js", "mjs", "json", "map", "svg", "txt", "xml", "csv"})
    void textTypesAreUtf8(String extension) {
        assertThat(ContentTypes.of("file." + extension)).endsWith("; charset=utf-8");
    }

    @ParameterizedTest
    @CsvSource({
        "a.png, image/png", "a.jpg, image/jpeg", "a.jpeg, image/jpeg", "a.gif, image/gif", "a.webp, image/webp",
        "favicon.ico, image/x-icon", "a.avif, image/avif", "a.woff, font/woff", "a.woff2, font/woff2", "a.ttf, font/ttf",
        "a.otf, font/otf", "a.pdf, application/pdf", "a.wasm, application/wasm", "a.mp4, video/mp4", "a.webm, video/webm",
        "a.mp3, audio/mpeg", "a.ogg, audio/ogg", "a.zip, application/zip", "a.tar.gz, application/gzip",
        "app.js.map, application/json; charset=utf-8", "INDEX.HTML, text/html; charset=utf-8",
    })
    void binaryTypesHaveNoCharset(String name, String contentType) {
        assertThat(ContentTypes.of(name)).isEqualTo(contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Makefile", "a.exe", "a.", "archive.tar", "a.php"})
    void anythingElseIsOctetStream(String name) {
        assertThat(ContentTypes.of(name)).isEqualTo("application/octet-stream");
    }
}
