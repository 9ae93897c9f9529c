package org.paasmaker.api.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.FieldError;
import org.paasmaker.api.error.InvalidManifestException;
import org.paasmaker.api.error.PaasmakerException;

/** Reads a manifest's text from a file or a stream: UTF-8, and never more than {@link ManifestReader#MAX_BYTES}. */
final class ManifestText {

    private ManifestText() {
    }

    static String read(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                        "cannot read the manifest '" + source + "': it is a directory; give the path of the manifest"
                                + " file in it, such as " + file.resolve("manifest.yml"));
            }
            // Checked before reading, so that a huge file costs nothing.
            long size = Files.size(file);
            if (size > ManifestReader.MAX_BYTES) {
                throw tooLarge(source, size + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, source);
            }
        } catch (NoSuchFileException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "cannot read the manifest '" + source + "': there is no such file", e);
        } catch (AccessDeniedException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "cannot read the manifest '" + source + "': permission denied", e);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "cannot read the manifest '" + source + "': " + e.getMessage(), e);
        }
    }

    /** Reads at most one byte more than the limit, to know that it is over; the caller closes the stream. */
    static String read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(ManifestReader.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new PaasmakerException(ErrorCode.INVALID_REQUEST,
                    "cannot read the manifest '" + source + "': " + e.getMessage(), e);
        }
        if (bytes.length > ManifestReader.MAX_BYTES) {
            throw tooLarge(source, "more than " + ManifestReader.MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidManifestException(source, List.of(new FieldError("",
                    "the manifest is not UTF-8 text; save it as UTF-8", 0)));
        }
    }

    static InvalidManifestException tooLarge(String source, String size) {
        return new InvalidManifestException(source, List.of(new FieldError("", "the manifest is " + size
                + "; a manifest may have at most " + ManifestReader.MAX_BYTES + " bytes (1 MiB)", 0)));
    }
}
