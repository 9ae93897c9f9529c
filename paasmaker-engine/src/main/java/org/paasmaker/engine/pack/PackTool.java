package org.paasmaker.engine.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.paasmaker.api.error.ErrorCode;
import org.paasmaker.api.error.PaasmakerException;

/**
 * Packs and unpacks from the command line, for the pack benchmark:
 * {@code pack DIR OUT.tar.gz [--threads N] [--level L]} and {@code unpack IN.tar.gz DIR}. Prints one
 * summary line on success, one error line and exit code 1 on failure.
 */
public final class PackTool {

    private static final String USAGE =
            "usage: pack DIR OUT.tar.gz [--threads N] [--level L] | unpack IN.tar.gz DIR";

    private PackTool() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            out.println(command(List.of(args)));
            return 0;
        } catch (RuntimeException e) {
            err.println(e instanceof PaasmakerException ? e.getMessage() : "internal error: " + e);
            return 1;
        }
    }

    private static String command(List<String> args) {
        if (args.size() == 3 && args.get(0).equals("unpack")) {
            return unpack(Path.of(args.get(1)), Path.of(args.get(2)));
        }
        if (args.size() >= 3 && args.get(0).equals("pack")) {
            return pack(Path.of(args.get(1)), Path.of(args.get(2)), options(args.subList(3, args.size())));
        }
        throw usage("unknown command or wrong arguments: " + String.join(" ", args));
    }

    private static TarGzPacker options(List<String> options) {
        int level = CompressionSettings.GZIP_DEFAULT_LEVEL;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < options.size(); i += 2) {
            if (i + 1 == options.size()) {
                throw usage("the option " + options.get(i) + " needs a value");
            }
            int value = number(options.get(i), options.get(i + 1));
            switch (options.get(i)) {
                case "--level" -> level = value;
                case "--threads" -> threads = value;
                default -> throw usage("unknown option " + options.get(i));
            }
        }
        return new TarGzPacker(level, threads);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw usage("the option " + option + " needs a whole number, not '" + value + "'");
        }
    }

    private static String pack(Path tree, Path archive, TarGzPacker packer) {
        try {
            return "packed " + describe(packInto(tree, archive, packer)) + " into " + archive;
        } catch (RuntimeException e) {
            // Half an archive must not pass for a whole one.
            deleteQuietly(archive, e);
            throw e;
        }
    }

    private static ArchiveSummary packInto(Path tree, Path archive, TarGzPacker packer) {
        try (OutputStream out = Files.newOutputStream(archive)) {
            return packer.pack(tree, out);
        } catch (IOException e) {
            throw failure("write", archive, e);
        }
    }

    private static String unpack(Path archive, Path target) {
        try (InputStream in = Files.newInputStream(archive)) {
            Files.createDirectories(target);
            return "unpacked " + describe(new TarGzPacker().unpack(in, target, ArchiveLimits.packages())) + " into " + target;
        } catch (IOException e) {
            throw failure("read", archive, e);
        }
    }

    private static String describe(ArchiveSummary summary) {
        return summary.files() + " files, " + summary.directories() + " directories, " + summary.links() + " links ("
                + summary.bytes() + " bytes)";
    }

    private static void deleteQuietly(Path archive, Exception failure) {
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static PaasmakerException failure(String verb, Path path, IOException cause) {
        return new PaasmakerException(ErrorCode.INTERNAL, "could not " + verb + " '" + path + "': " + cause, cause);
    }

    private static PaasmakerException usage(String problem) {
        return new PaasmakerException(ErrorCode.INVALID_REQUEST, problem + "; " + USAGE);
    }
}
