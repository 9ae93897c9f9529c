package org.paasmaker.engine.pack;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Extracts a {@code .tar.gz} (or {@code .tgz}) archive safely under an empty target directory: the
 * uploads of the tarball source and Paasmaker's own packages alike, told apart only by their
 * {@link ArchiveLimits}. On any failure everything written under the target is deleted again; the
 * target itself stays, empty.
 */
public final class TarGzExtractor {

    private static final int GZIP_INPUT_BUFFER_SIZE = 64 * 1024;
    private static final int READ_AHEAD_CHUNK_SIZE = 1024 * 1024;
    private static final int READ_AHEAD_CHUNKS = 4;

    /** Extracts an archive file; messages name the file. */
    public ArchiveSummary extract(Path archive, Path target, ArchiveLimits limits) {
        String label = Refusals.quote(String.valueOf(archive.getFileName()));
        try (InputStream in = Files.newInputStream(archive)) {
            return extract(in, label, target, limits);
        } catch (IOException e) {
            throw unreadable(label, e);
        }
    }

    /** Extracts an archive as it streams in (an upload); the stream is read, not closed. */
    public ArchiveSummary extract(InputStream in, Path target, ArchiveLimits limits) {
        return extract(in, "the archive", target, limits);
    }

    private static ArchiveSummary extract(InputStream in, String label, Path target, ArchiveLimits limits) {
        SafeExtraction extraction = new SafeExtraction(target, limits);
        try {
            readInto(extraction, new Source(in), label);
            return extraction.finish();
        } catch (RuntimeException | Error e) {
            extraction.discard(e);
            throw e;
        }
    }

    private static void readInto(SafeExtraction extraction, Source source, String label) {
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(source, GZIP_INPUT_BUFFER_SIZE);
        } catch (Source.Failure e) {
            throw unreadable(label, e.getCause());
        } catch (IOException e) {
            throw Refusals.archive(label + " is not a gzip file; give a .tar.gz archive");
        }
        // Inflating runs a few chunks ahead on a thread of its own while this one writes the files.
        try (HeaderBudget budget = new HeaderBudget(new ReadAheadInputStream(gzip, READ_AHEAD_CHUNK_SIZE, READ_AHEAD_CHUNKS));
                TarArchiveInputStream tar = new TarArchiveInputStream(budget, StandardCharsets.UTF_8.name())) {
            String previous = "";
            for (TarArchiveEntry entry = nextEntry(tar, budget, previous); entry != null;
                    entry = nextEntry(tar, budget, previous)) {
                add(entry, tar, extraction);
                previous = entry.getName();
            }
            // Read to the gzip trailer, so that its checksum catches damage after the last entry too.
            budget.transferTo(OutputStream.nullOutputStream());
        } catch (Source.Failure e) {
            throw unreadable(label, e.getCause());
        } catch (EOFException e) {
            throw Refusals.archive(label + " is truncated; upload or copy it again");
        } catch (ZipException e) {
            throw Refusals.archive(label + " is corrupt (" + e.getMessage() + "); upload or copy it again");
        } catch (IOException e) {
            throw Refusals.archive(label + " is a gzip file but not a valid tar archive (" + e.getMessage()
                    + "); give a .tar.gz archive");
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, HeaderBudget budget, String previous)
            throws IOException {
        budget.headersAfter(previous);
        TarArchiveEntry entry = tar.getNextEntry();
        budget.content();
        return entry;
    }

    private static void add(TarArchiveEntry entry, InputStream content, SafeExtraction extraction) throws IOException {
        String name = entry.getName();
        if (entry.isSymbolicLink()) {
            extraction.symlink(name, entry.getLinkName());
        } else if (entry.isLink()) {
            extraction.hardLink(name, entry.getLinkName());
        } else if (entry.isDirectory()) {
            extraction.directory(name, entry.getMode(), entry.getLastModifiedTime());
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw Refusals.entry(name, "is a device or a named pipe");
        } else {
            // Like GNU tar, an entry of a type it does not know is a file holding the entry's bytes.
            extraction.file(name, entry.getMode(), entry.getLastModifiedTime(), entry.getRealSize(), content);
        }
    }

    private static PaasmakerException unreadable(String label, Throwable cause) {
        return new PaasmakerException(ErrorCode.INTERNAL,
                "could not read " + label + ": " + cause + "; upload or copy it again", cause);
    }

    /**
     * The archive as given: its own read failures are told apart from damage inside it, and closing
     * leaves it open for its owner.
     */
    private static final class Source extends FilterInputStream {

        static final class Failure extends IOException {
            private static final long serialVersionUID = 1L;

            Failure(IOException cause) {
                super(cause);
            }
        }

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new Failure(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return super.read(bytes, offset, length);
            } catch (IOException e) {
                throw new Failure(e);
            }
        }

        @Override
        public void close() {
            // the owner of the stream closes it
        }
    }
}
