package org.paasmaker.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExchangesTest {

    @Test
    void bothSidesServeWithoutNaglesDelayUnlessTheJvmWasToldOtherwise() {
        Properties none = new Properties();
        Exchanges.noDelayUnlessSet(none);
        assertThat(none.getProperty(Exchanges.NO_DELAY)).isEqualTo("true");

        Properties told = new Properties();
        told.setProperty(Exchanges.NO_DELAY, "false");
        Exchanges.noDelayUnlessSet(told);
        assertThat(told.getProperty(Exchanges.NO_DELAY)).isEqualTo("false");
    }
}
