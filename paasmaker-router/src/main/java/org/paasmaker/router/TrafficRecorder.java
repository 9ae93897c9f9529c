package org.paasmaker.router;

import org.paasmaker.api.routing.TrafficStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the requests of one instance (or of the unrouted ones) as the event loops finish them:
 * wait-free adders and an HdrHistogram {@link Recorder}, so recording never blocks a loop. Reading
 * folds the recorder's interval into a cumulative histogram under this object's lock.
 */
final class TrafficRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram cumulative = new Histogram(SIGNIFICANT_DIGITS);

    void record(int status, long bodyBytes, long nanos) {
        requests.increment();
        bytes.add(bodyBytes);
        int statusClass = status / 100;
        if (statusClass >= 2 && statusClass <= 5) {
            byClass[statusClass - 2].increment();
        }
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /** The counts so far, and a copy of the latency histogram (microseconds) for adding up. */
    synchronized Reading read() {
        cumulative.add(latency.getIntervalHistogram());
        return new Reading(requests.sum(), bytes.sum(), byClass[0].sum(), byClass[1].sum(), byClass[2].sum(),
                byClass[3].sum(), cumulative.copy());
    }

    /** One reading, which readings of several instances add up to (for a version or an application). */
    record Reading(long requests, long bytes, long status2xx, long status3xx, long status4xx, long status5xx,
            Histogram micros) {

        static Reading empty() {
            return new Reading(0, 0, 0, 0, 0, 0, new Histogram(SIGNIFICANT_DIGITS));
        }

        Reading plus(Reading other) {
            Histogram sum = micros.copy();
            sum.add(other.micros);
            return new Reading(requests + other.requests, bytes + other.bytes, status2xx + other.status2xx,
                    status3xx + other.status3xx, status4xx + other.status4xx, status5xx + other.status5xx, sum);
        }

        TrafficStats stats() {
            return new TrafficStats(requests, bytes, status2xx, status3xx, status4xx, status5xx, millis(50),
                    millis(90), millis(99), micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0);
        }

        private double millis(double percentile) {
            return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
