package org.paasmaker.api.routing;

/**
 * The traffic of one instance, version or application since the router started: requests answered,
 * response body bytes sent, answers by status class, and the latency from the request's head to the
 * end of its response (milliseconds, from a histogram with three significant digits).
 */
public record TrafficStats(long requests, long bytes, long status2xx, long status3xx, long status4xx, long status5xx,
        double p50Millis, double p90Millis, double p99Millis, double maxMillis) {
}
