package org.paasmaker.client.cli;

import java.time.Duration;

/**
 * Ends the process at once. On Java 17 the JVM's exit waits up to 300 ms for every thread that is in
 * native code, and the selector thread of each {@code java.net.http.HttpClient} (named
 * {@code HttpClient-<n>-SelectorManager}) sits in {@code epoll_wait} until its client is collected: a
 * third of a second on every command that spoke to a server. Interrupted, a selector thread ends its loop
 * (Java 21 has {@code HttpClient.close()} for it). Everything else the command started is done or
 * abandoned by then, as {@link System#exit} abandons it.
 */
final class QuickExit {

    private static final Duration SELECTOR_END_WITHIN = Duration.ofMillis(100);

    private QuickExit() {
    }

    static void exit(int status) {
        System.out.flush();
        System.err.flush();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(SELECTOR_END_WITHIN.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        System.exit(status);
    }
}
