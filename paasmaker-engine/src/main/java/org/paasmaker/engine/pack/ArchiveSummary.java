package org.paasmaker.engine.pack;

/**
 * What a pack or an extraction wrote.
 *
 * @param files regular files
 * @param directories directories, the root not counted
 * @param links symbolic and hard links
 * @param bytes the files' bytes, uncompressed
 */
public record ArchiveSummary(long files, long directories, long links, long bytes) {
}
