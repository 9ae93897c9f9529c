package org.paasmaker.api.manifest;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.paasmaker.api.plugin.PluginCatalog;

/**
 * Reads and validates application manifests, format 1 as the original Paasmaker wrote them, against
 * the plugins a platform offers. Every problem is reported at once, each with its path in manifest
 * notation ({@code instances[1].crons[0].runspec}) and its line, in one
 * {@link org.paasmaker.api.error.InvalidManifestException}.
 *
 * <p>Loading is safe for untrusted input: no YAML tag makes an object, and size, nesting and aliases
 * are capped. Beyond the original, plugin parameters are checked against what each plugin declares,
 * and instance type names, hostnames and cron runspecs against their own rules.
 *
 * <p>A reader holds no state besides its catalog, so one can serve many threads.
 */
public final class ManifestReader {

    /** The largest manifest read: 1 MiB of UTF-8 from a file or stream, that many characters from a string. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final PluginCatalog catalog;

    public ManifestReader(PluginCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Reads a manifest file; errors name it as given.
     *
     * @throws org.paasmaker.api.error.InvalidManifestException if it is not a valid manifest
     * @throws org.paasmaker.api.error.PaasmakerException {@code INVALID_REQUEST} if it cannot be read
     */
    public Manifest read(Path file) {
        return read(ManifestText.read(file), file.toString());
    }

    /** Reads a manifest from a stream, which stays open; {@code sourceName} is what errors call it. */
    public Manifest read(InputStream in, String sourceName) {
        return read(ManifestText.read(in, sourceName), sourceName);
    }

    /** Reads a manifest's text; {@code sourceName} is what errors call it, such as {@code manifest.yml}. */
    public Manifest read(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (text.length() > MAX_BYTES) {
            throw ManifestText.tooLarge(sourceName, text.length() + " characters");
        }
        return new ManifestValidator(catalog, sourceName).validate(YamlLoader.compose(text, sourceName), text);
    }
}
