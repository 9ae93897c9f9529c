package org.paasmaker.engine.pack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Reproducible bytes: text that compresses like code, and random bytes that do not compress. */
final class TestData {

    private static final String[] WORDS = {
        "public", "final", "return", "value", "count", "index", "buffer", "length", "result", "order", "user",
        "handler", "service", "request", "response", "if", "else", "for", "while", "new", "String", "int",
    };

    private TestData() {
    }

    static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 100);
        while (text.length() < size) {
            text.append("    ".repeat(random.nextInt(4)));
            for (int words = 3 + random.nextInt(8); words > 0; words--) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(5) == 0 ? random.nextInt(1000) : "")
                        .append(' ');
            }
            text.append(";\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, size);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
