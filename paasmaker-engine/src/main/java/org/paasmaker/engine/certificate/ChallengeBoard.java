package org.paasmaker.engine.certificate;

import org.paasmaker.api.routing.AcmeChallenge;

/** Where an issuer posts the HTTP-01 challenges that the routers must answer while it validates. */
public interface ChallengeBoard {

    /** Returns once every router answers the challenge. */
    void post(AcmeChallenge challenge);

    /** The challenge is done with (validated or failed); the routers may forget it. */
    void remove(AcmeChallenge challenge);
}
