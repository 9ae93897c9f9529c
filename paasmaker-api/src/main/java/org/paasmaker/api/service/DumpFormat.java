package org.paasmaker.api.service;

import java.util.Objects;

/**
 * What a service plugin's dumps are, as {@code GET /api/v1/services/{id}/export} sends them and
 * {@code POST .../import} takes them back.
 *
 * @param mediaType the dump's media type: {@code application/sql}, {@code application/octet-stream}
 * @param extension the file name's ending: {@code .sql}, {@code .rdb}
 * @param description what the dump is, in a sentence: which tool writes it and which reads it
 */
public record DumpFormat(String mediaType, String extension, String description) {

    public DumpFormat {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(description, "description");
        if (!extension.matches("\\.[a-z0-9.]+")) {
            throw new IllegalArgumentException("a dump's extension is a dot and letters, such as .sql: " + extension);
        }
    }
}
