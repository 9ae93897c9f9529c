package org.paasmaker.war.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which credential a request presents, as the mechanism validates it and the API's filter words its 401. */
class PresentedTest {

    @Test
    void aBearerHeaderWinsOverTheCookieWhateverTheSchemesCase() {
        assertThat(Presented.of("Bearer pmk_abc", "pmk_cookie"))
                .isEqualTo(new Presented(Presented.Kind.BEARER, Optional.of("pmk_abc")));
        assertThat(Presented.of("bearer  pmk_abc ", null))
                .isEqualTo(new Presented(Presented.Kind.BEARER, Optional.of("pmk_abc")));
    }

    @Test
    void theCookieCountsOnlyWithoutAHeader() {
        assertThat(Presented.of(null, "pmk_cookie"))
                .isEqualTo(new Presented(Presented.Kind.SESSION, Optional.of("pmk_cookie")));
    }

    @Test
    void anotherSchemeOrNothingPresentsNoSecret() {
        assertThat(Presented.of("Basic b3BlcmF0b3I6c2VjcmV0", "pmk_cookie"))
                .isEqualTo(new Presented(Presented.Kind.OTHER_SCHEME, Optional.empty()));
        assertThat(Presented.of(null, null)).isEqualTo(new Presented(Presented.Kind.NONE, Optional.empty()));
    }
}
