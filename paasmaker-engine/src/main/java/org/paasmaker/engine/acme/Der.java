package org.paasmaker.engine.acme;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The few DER encodings (ITU-T X.690) a certificate signing request needs. Each method returns
 * one complete element: its tag, its length and its content.
 */
final class Der {

    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OBJECT_IDENTIFIER = 0x06;
    private static final int UTF8_STRING = 0x0c;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int CONTEXT_CONSTRUCTED = 0xa0;
    private static final int CONTEXT_PRIMITIVE = 0x80;

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return element(SEQUENCE, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return element(SET, concat(elements));
    }

    static byte[] integer(long value) {
        return element(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    /** A bit string of whole bytes (no unused bits), as signatures are. */
    static byte[] bitString(byte[] bytes) {
        return element(BIT_STRING, concat(new byte[] {0}, bytes));
    }

    static byte[] octetString(byte[] bytes) {
        return element(OCTET_STRING, bytes);
    }

    static byte[] utf8String(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A constructed element with an implicit context-specific tag: {@code [n] IMPLICIT SET OF ...}. */
    static byte[] contextConstructed(int number, byte[]... elements) {
        return element(CONTEXT_CONSTRUCTED | number, concat(elements));
    }

    /** A primitive element with an implicit context-specific tag: a subjectAltName's {@code [2] dNSName}. */
    static byte[] contextPrimitive(int number, byte[] content) {
        return element(CONTEXT_PRIMITIVE | number, content);
    }

    /** An object identifier in dotted form, such as {@code 2.5.29.17}. */
    static byte[] objectIdentifier(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeBase128(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(content, Long.parseLong(arcs[i]));
        }
        return element(OBJECT_IDENTIFIER, content.toByteArray());
    }

    static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int group = groups - 1; group >= 0; group--) {
            int bits = (int) (value >>> (group * 7)) & 0x7f;
            out.write(group == 0 ? bits : bits | 0x80);
        }
    }
}
