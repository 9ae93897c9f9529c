package org.paasmaker.engine.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encodings the certificate request relies on, checked against X.690's examples. */
class DerTest {

    @Test
    void lengthsOver127TakeTheLongForm() {
        assertThat(hex(Der.octetString(new byte[127])).substring(0, 4)).isEqualTo("047f");
        assertThat(hex(Der.octetString(new byte[128])).substring(0, 6)).isEqualTo("048180");
        assertThat(hex(Der.octetString(new byte[300])).substring(0, 8)).isEqualTo("0482012c");
        assertThat(Der.octetString(new byte[70000])).hasSize(70000 + 5);
    }

    @Test
    void objectIdentifiersUseBase128Arcs() {
        assertThat(hex(Der.objectIdentifier("1.2.840.113549.1.9.14"))).isEqualTo("06092a864886f70d01090e");
        assertThat(hex(Der.objectIdentifier("2.5.29.17"))).isEqualTo("0603551d11");
    }

    @Test
    void integersAndBitStringsKeepTheirSign() {
        assertThat(hex(Der.integer(0))).isEqualTo("020100");
        assertThat(hex(Der.integer(128))).isEqualTo("02020080");
        assertThat(hex(Der.bitString(new byte[] {(byte) 0xff}))).isEqualTo("030200ff");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
