package org.paasmaker.war.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformDatabaseTest {

    @Test
    void onlyTheEmbeddedDerbyIsTheControllersAlone() {
        assertThat(at("jdbc:derby:/var/lib/paasmaker/derby/paasmaker;create=true").shareable()).isFalse();
        assertThat(at("jdbc:derby://db.internal:1527/paasmaker").shareable()).isTrue();
        assertThat(at("jdbc:postgresql://db.internal/paasmaker").shareable()).isTrue();
    }

    private static PlatformDatabase at(String url) {
        PlatformDatabase database = new PlatformDatabase();
        database.url = url;
        return database;
    }
}
