package org.paasmaker.engine.certificate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a PEM text ({@code -----BEGIN TYPE----- base64 -----END TYPE-----}), with their
 * RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}), which only an encrypted traditional key has.
 */
record Pem(String type, List<String> headers, byte[] der) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);

    /**
     * Every block of the text, in order; text between blocks (a bundle's comments) is skipped.
     *
     * @throws IllegalArgumentException naming the block that is cut short or not base64
     */
    static List<Pem> parse(String text) {
        List<Pem> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String type = matcher.group(1);
            if (!type.equals(matcher.group(3))) {
                throw new IllegalArgumentException("PEM block " + (blocks.size() + 1) + " begins as " + type
                        + " but ends as " + matcher.group(3));
            }
            List<String> headers = new ArrayList<>();
            StringBuilder base64 = new StringBuilder();
            for (String line : matcher.group(2).strip().split("\\R")) {
                if (line.contains(":")) {
                    headers.add(line.strip());
                } else {
                    base64.append(line.strip());
                }
            }
            try {
                blocks.add(new Pem(type, List.copyOf(headers), Base64.getDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + (blocks.size() + 1) + " (" + type
                        + ") is not base64: " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    static String write(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
