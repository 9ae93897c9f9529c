import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes source-like text files for bench/pack.sh: many small and medium files of generated code
 * lines (identifiers drawn from a fixed vocabulary, keywords, numbers, strings, comments), so they
 * compress about as well as real code. Run as {@code java GenerateSourceTree.java DIR BYTES}; the
 * same arguments always give the same files.
 */
public class GenerateSourceTree {

    private static final String[] KEYWORDS = {
        "public", "private", "static", "final", "return", "if", "else", "for", "while", "new", "this", "null",
        "true", "false", "throw", "try", "catch", "void", "int", "long", "boolean", "String", "List", "Map",
    };

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        long target = Long.parseLong(args[1]);
        Random random = new Random(42);
        String[] words = vocabulary(random, 3000);
        long written = 0;
        int file = 0;
        while (written < target) {
            Path path = root.resolve("module" + (file / 500)).resolve("pkg" + (file / 25 % 20))
                    .resolve(words[random.nextInt(words.length)] + file + ".java");
            Files.createDirectories(path.getParent());
            int size = fileSize(random);
            written += writeFile(path, size, random, words);
            file++;
        }
    }

    /** Mostly small files, some medium, a few large ones, as in a real repository. */
    private static int fileSize(Random random) {
        int bucket = random.nextInt(100);
        if (bucket < 75) {
            return 200 + random.nextInt(6_000);
        }
        if (bucket < 97) {
            return 6_000 + random.nextInt(42_000);
        }
        return 48_000 + random.nextInt(250_000);
    }

    private static String[] vocabulary(Random random, int count) {
        String[] syllables = {"get", "set", "item", "value", "count", "order", "user", "name", "list", "map", "key",
            "index", "buffer", "node", "tree", "path", "file", "line", "text", "size", "time", "date", "id", "type",
            "state", "event", "handler", "service", "config", "result", "request", "response", "cache", "entry"};
        String[] words = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder(syllables[random.nextInt(syllables.length)]);
            for (int parts = 1 + random.nextInt(3); parts > 0; parts--) {
                String next = syllables[random.nextInt(syllables.length)];
                word.append(Character.toUpperCase(next.charAt(0))).append(next, 1, next.length());
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static long writeFile(Path path, int size, Random random, String[] words) throws IOException {
        StringBuilder text = new StringBuilder(size + 200);
        text.append("package org.example.").append(words[random.nextInt(words.length)].toLowerCase()).append(";\n\n");
        int depth = 1;
        while (text.length() < size) {
            text.append("    ".repeat(depth));
            switch (random.nextInt(8)) {
                case 0 -> text.append("// ").append(sentence(random, words, 4 + random.nextInt(10))).append('\n');
                case 1 -> {
                    text.append("if (").append(word(random, words)).append(" != null && ").append(word(random, words))
                            .append(".size() > ").append(random.nextInt(1000)).append(") {\n");
                    depth = Math.min(depth + 1, 6);
                }
                case 2 -> {
                    text.append("}\n");
                    depth = Math.max(depth - 1, 1);
                }
                case 3 -> text.append("return ").append(word(random, words)).append('.').append(word(random, words))
                        .append("(").append(random.nextInt(100_000)).append(");\n");
                case 4 -> text.append("String ").append(word(random, words)).append(" = \"")
                        .append(sentence(random, words, 2 + random.nextInt(5))).append("\";\n");
                default -> text.append(KEYWORDS[random.nextInt(KEYWORDS.length)]).append(' ')
                        .append(word(random, words)).append(" = ").append(word(random, words)).append('.')
                        .append(word(random, words)).append('(').append(word(random, words)).append(", ")
                        .append(random.nextInt(10_000)).append(");\n");
            }
        }
        text.append("}\n");
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write(text.toString());
        }
        return text.length();
    }

    private static String word(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String sentence(Random random, String[] words, int length) {
        StringBuilder sentence = new StringBuilder(word(random, words));
        for (int i = 1; i < length; i++) {
            sentence.append(' ').append(word(random, words));
        }
        return sentence.toString();
    }
}
