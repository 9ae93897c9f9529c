package org.paasmaker.router;

/**
 * The client side of an exchange that holds a {@link BackendConnection}: it gets what the instance
 * sends, and hears when the connection can take more or has closed.
 */
interface BackendOwner {

    /** A message read from the instance: HTTP objects through the codec's pipeline, bytes through the relay's. */
    void backendRead(Object msg);

    void backendReadComplete();

    void backendWritabilityChanged();

    void backendClosed(BackendConnection closed);
}
