package org.paasmaker.engine.job;

/** A listener's subscription to a job tree; closing it ends the events, including those not yet delivered. */
public interface JobSubscription extends AutoCloseable {

    @Override
    void close();
}
