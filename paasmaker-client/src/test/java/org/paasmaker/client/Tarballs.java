package org.paasmaker.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** A tar.gz read back with Commons Compress: each entry's name, type, mode, link, size and (small) content. */
final class Tarballs {

    record Entry(String name, char type, int mode, String link, long size, String content) {
    }

    private Tarballs() {
    }

    /** Reads it as it streams; contents are kept only for entries up to {@code keepUpTo} bytes. */
    static List<Entry> read(InputStream in, long keepUpTo) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in), StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                char type = entry.isSymbolicLink() ? 'l' : entry.isDirectory() ? 'd' : 'f';
                String content = null;
                long size = 0;
                if (type == 'f') {
                    if (entry.getSize() <= keepUpTo) {
                        byte[] bytes = tar.readAllBytes();
                        size = bytes.length;
                        content = new String(bytes, StandardCharsets.UTF_8);
                    } else {
                        size = tar.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
                entries.add(new Entry(entry.getName(), type, entry.getMode() & 07777,
                        entry.isSymbolicLink() ? entry.getLinkName() : null, size, content));
            }
        }
        return entries;
    }
}
