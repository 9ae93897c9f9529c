package org.paasmaker.engine.job;

import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.paasmaker.api.job.JobId;

/**
 * Who listens to which job tree, and the delivery of what happens there. A job's thread only queues
 * the event for each subscription that covers the job; each subscription delivers its own queue on the
 * executor, one event at a time and in order. So a listener that is slow, or never returns, holds up
 * nobody's events but its own, and its queue stays small while it lags: a log's growth replaces the
 * same job's growth not yet delivered, and a job changes state at most twice.
 */
final class JobSubscriptions {

    private final Executor executor;
    private final Consumer<String> warnings;
    /** By the root of the tree they follow. */
    private final Map<JobId, List<Subscription>> byRoot = new ConcurrentHashMap<>();

    JobSubscriptions(Executor executor, Consumer<String> warnings) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** Hears of the job and its descendants from now on. */
    JobSubscription subscribe(Job job, JobListener listener) {
        Subscription subscription = new Subscription(job, Objects.requireNonNull(listener, "listener"));
        byRoot.compute(job.root().id(), (root, subscriptions) -> {
            List<Subscription> joined = subscriptions == null ? new CopyOnWriteArrayList<>() : subscriptions;
            joined.add(subscription);
            return joined;
        });
        return subscription;
    }

    /** Queues the event for those who follow the job; never waits for a listener. */
    void publish(Job job, JobEvent event) {
        List<Subscription> subscriptions = byRoot.get(job.root().id());
        if (subscriptions != null) {
            for (Subscription subscription : subscriptions) {
                if (subscription.covers(job)) {
                    subscription.offer(event);
                }
            }
        }
    }

    private final class Subscription implements JobSubscription {

        private final Job followed;
        private final JobListener listener;
        /** Guarded by this, as are the flags. */
        private final LinkedList<JobEvent> queue = new LinkedList<>();
        private boolean draining;
        private boolean closed;
        private boolean warned;

        Subscription(Job followed, JobListener listener) {
            this.followed = followed;
            this.listener = listener;
        }

        boolean covers(Job job) {
            for (Job at = job; at != null; at = at.parent().orElse(null)) {
                if (at == followed) {
                    return true;
                }
            }
            return false;
        }

        void offer(JobEvent event) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!(event instanceof JobEvent.LogWritten) || !replacedEarlierGrowth(event)) {
                    queue.add(event);
                }
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The engine is shutting down: nobody is left to deliver to, and a job's thread must not do it.
                close();
            }
        }

        /** Whether the job's last undelivered event is a log's growth, now updated to the new length. */
        private boolean replacedEarlierGrowth(JobEvent grown) {
            ListIterator<JobEvent> earlier = queue.listIterator(queue.size());
            while (earlier.hasPrevious()) {
                JobEvent event = earlier.previous();
                if (event.job().equals(grown.job())) {
                    if (event instanceof JobEvent.LogWritten) {
                        earlier.set(grown);
                        return true;
                    }
                    return false;
                }
            }
            return false;
        }

        private void drain() {
            while (true) {
                JobEvent next;
                synchronized (this) {
                    if (closed || queue.isEmpty()) {
                        draining = false;
                        return;
                    }
                    next = queue.removeFirst();
                }
                try {
                    listener.on(next);
                } catch (RuntimeException e) {
                    warnOnce(e);
                }
            }
        }

        private void warnOnce(RuntimeException e) {
            synchronized (this) {
                if (warned) {
                    return;
                }
                warned = true;
            }
            warnings.accept("A listener of job " + followed.id() + " ('" + followed.title() + "') failed: " + e
                    + ". The job runs on, and the listener goes on hearing of it; this is said once per listener.");
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                queue.clear();
            }
            byRoot.computeIfPresent(followed.root().id(), (root, subscriptions) -> {
                subscriptions.remove(this);
                return subscriptions.isEmpty() ? null : subscriptions;
            });
        }
    }
}
