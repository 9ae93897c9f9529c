package org.paasmaker.api.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.paasmaker.api.error.PaasmakerException;

/** An instance id is a lower-case UUID and nothing else. */
class InstanceIdTest {

    @Test
    void aLowerCaseUuidIsAnId() {
        for (int i = 0; i < 1_000; i++) {
            String uuid = UUID.randomUUID().toString();
            assertThat(new InstanceId(uuid).value()).isEqualTo(uuid);
        }
        assertThat(new InstanceId("00000000-0000-0000-0000-000000000000").value()).hasSize(36);
        assertThat(new InstanceId("ffffffff-ffff-ffff-ffff-ffffffffffff").value()).hasSize(36);
    }

    @Test
    void anythingElseIsRefusedNamingIt() {
        for (String text : new String[] {"", "not-an-id", "0123456789abcdef0123456789abcdef0123",
                "ABCDEF01-2345-6789-abcd-ef0123456789", "abcdef01-2345-6789-abcd-ef012345678g",
                "abcdef01-2345-6789-abcd-ef01234567890", "abcdef01-2345-6789-abcd-ef012345678",
                "abcdef0102345-6789-abcd-ef0123456789", "abcdef01-2345-6789-abcd-ef012345678/", "../../etc/passwd"}) {
            assertThatThrownBy(() -> new InstanceId(text)).as(text).isInstanceOf(PaasmakerException.class)
                    .hasMessage("'" + text + "' is not an instance id");
        }
    }
}
