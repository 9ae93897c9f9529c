package org.paasmaker.api.manifest;

import java.util.List;
import java.util.Optional;
import org.paasmaker.api.error.InvalidManifestException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses a manifest's text into a tree of YAML nodes that keep their lines. It only composes: no
 * constructor runs, so no tag can make a Java object, and the document's size, nesting and aliases to
 * maps and lists are capped so that a hostile one fails fast in bounded memory.
 */
final class YamlLoader {

    static final int MAX_NESTING = 50;
    static final int MAX_COLLECTION_ALIASES = 50;

    private YamlLoader() {
    }

    /** The document's root node; empty for a document with no content. */
    static Optional<Node> compose(String text, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ManifestReader.MAX_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        // Only constructors consult this (composing keeps both keys); YamlShapeCheck reports each duplicate.
        options.setAllowDuplicateKeys(false);
        options.setMergeOnCompose(true);
        // Every tag is let through to the node tree, where YamlShapeCheck reports each foreign one by its path.
        options.setTagInspector(tag -> true);
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
            return Optional.ofNullable(composer.getSingleNode());
        } catch (YAMLException e) {
            throw new InvalidManifestException(source, List.of(YamlErrors.describe(e, text)));
        }
    }
}
