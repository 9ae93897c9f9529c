package org.paasmaker.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterMainTest {

    private final Level before = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void aRouterProcessRunsWithoutLeakDetection() {
        ResourceLeakDetector.setLevel(Level.SIMPLE);
        RouterMain.chooseLeakDetection(new Properties());
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
    }

    @Test
    void leakDetectionAskedForStays() {
        ResourceLeakDetector.setLevel(Level.PARANOID);
        Properties asked = new Properties();
        asked.setProperty(RouterMain.LEAK_DETECTION, "paranoid");
        RouterMain.chooseLeakDetection(asked);
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.PARANOID);
    }

    @Test
    void theControlChannelAnswersWithoutNaglesDelayUnlessToldOtherwise() {
        Properties none = new Properties();
        RouterMain.chooseNoDelay(none);
        assertThat(none.getProperty(RouterMain.NO_DELAY)).isEqualTo("true");
        Properties told = new Properties();
        told.setProperty(RouterMain.NO_DELAY, "false");
        RouterMain.chooseNoDelay(told);
        assertThat(told.getProperty(RouterMain.NO_DELAY)).isEqualTo("false");
    }
}
