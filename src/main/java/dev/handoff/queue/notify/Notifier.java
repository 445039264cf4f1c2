package dev.handoff.queue.notify;

import dev.handoff.retry.Backoff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.Outbox;
import dev.handoff.secret.Redactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the outbox, in the inbox process, one thread per channel: a channel whose server hangs
 * holds up only itself, and never a webhook's answer (the handoff and its outbox rows were
 * committed before the 2xx; sending starts after). A worker claims due rows, sends each, and
 * marks it sent, or due again after a backoff, or failed after the last attempt, with the error
 * redacted. It sleeps until the next row is due, a new handoff wakes it ({@link #wake}), or the
 * poll interval passes (rows another inbox process stored, leases that ran out).
 */
public final class Notifier implements AutoCloseable {

    /** Where the workers report: one JSON line per event in the inbox's log. */
    @FunctionalInterface
    public interface Log {
        void event(String event, ObjectNode details);
    }

    /**
     * Rows claimed at once: one, so that each lease starts right before its own send (rows claimed
     * together would wait behind a hanging send while their leases run out, and another inbox
     * could take and send them too).
     */
    static final int BATCH = 1;
    static final Duration POLL = Duration.ofSeconds(2);
    private static final long STORE_WAIT_SECONDS = 30;

    private final NotifyConfig config;
    private final InboxStore store;
    private final Notices notices;
    private final Log log;
    private final Clock clock;
    private final Redactor redactor;
    private final Backoff backoff;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Sender> senders = new ArrayList<>();
    private final Object signal = new Object();
    /** Bumped by {@link #wake}; a worker that saw the same value before claiming may sleep. */
    private long wakes;
    private volatile boolean running = true;

    private Notifier(NotifyConfig config, InboxStore store, HandoffJson json, Log log, Clock clock) {
        this.config = config;
        this.store = store;
        this.notices = new Notices(config, json);
        this.log = log;
        this.clock = clock;
        this.redactor = secretsOf(config);
        this.backoff = new Backoff(config.retry().firstDelay(), config.retry().maxDelay(), Backoff.Jitter.HALF);
    }

    /** Starts one worker per channel of {@code config}. */
    public static Notifier start(NotifyConfig config, InboxStore store, HandoffJson json, Log log) {
        Notifier n = new Notifier(config, store, json, log, Clock.systemUTC());
        for (NotifyConfig.Channel channel : config.channels()) {
            Sender sender = Sender.of(channel, config.retry());
            n.senders.add(sender);
            Thread t = new Thread(() -> n.work(channel.name(), sender), "inbox-notify-" + channel.name());
            t.setDaemon(true);
            n.workers.add(t);
        }
        n.workers.forEach(Thread::start);
        return n;
    }

    /** Every secret of the file and the forms it may be echoed in ({@link NotifySecrets}). */
    static Redactor secretsOf(NotifyConfig config) {
        return NotifySecrets.redactor(config);
    }

    /** A new handoff was stored: its rows are due now. */
    public void wake() {
        synchronized (signal) {
            wakes++;
            signal.notifyAll();
        }
    }

    private void work(String channel, Sender sender) {
        while (running) {
            long seen;
            synchronized (signal) {
                seen = wakes;
            }
            List<Outbox.Entry> claimed;
            try {
                claimed = await(store.outbox().claim(channel, BATCH, config.retry().lease()));
            } catch (RuntimeException e) {
                storeTrouble(channel, e);
                sleep(seen, POLL.toMillis());
                continue;
            }
            for (Outbox.Entry entry : claimed) {
                if (!running) {
                    return; // the lease runs out and this or another inbox sends it later
                }
                deliver(channel, sender, entry);
            }
            if (claimed.size() < BATCH) {
                sleep(seen, untilNextDue(channel));
            }
        }
    }

    private long untilNextDue(String channel) {
        long wait = POLL.toMillis();
        try {
            Optional<Instant> due = store.outbox().nextDue(channel);
            if (due.isPresent()) {
                wait = Math.min(wait, Math.max(1, due.get().toEpochMilli() - clock.millis()));
            }
        } catch (RuntimeException e) {
            // the next claim reports it
        }
        return wait;
    }

    private void sleep(long seen, long millis) {
        synchronized (signal) {
            if (running && wakes == seen) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void deliver(String channel, Sender sender, Outbox.Entry entry) {
        int max = config.retry().maxAttempts();
        if (entry.attempts() > max) {
            // claimed again after a sender died holding it on its last attempt
            finish(channel, entry, "failed", store.outbox().failed(entry, entry.lastError()), entry.lastError(), null);
            return;
        }
        String error;
        try {
            Optional<Handoff> handoff = store.get(entry.handoffId());
            if (handoff.isEmpty()) {
                throw new IllegalStateException("handoff " + entry.handoffId() + " is not in the store");
            }
            Notice notice = notices.of(handoff.get(), store.rawEvent(entry.handoffId()).orElse(null));
            sender.send(notice);
            finish(channel, entry, "sent", store.outbox().sent(entry), null, null);
            return;
        } catch (Sender.DeliveryException e) {
            error = redactor.redact(e.getMessage());
        } catch (RuntimeException e) {
            // plain words for the inbox log and last_error; the class name helps nobody reading them
            error = redactor.redact(e.getMessage() == null || e.getMessage().isBlank()
                    ? "internal error while notifying" : e.getMessage());
        }
        if (entry.attempts() >= max) {
            finish(channel, entry, "failed", store.outbox().failed(entry, error), error, null);
        } else {
            Duration wait = backoff.after(entry.attempts());
            finish(channel, entry, "retry", store.outbox().retry(entry, clock.instant().plus(wait), error), error, wait);
        }
    }

    private void finish(String channel, Outbox.Entry entry, String outcome,
                        java.util.concurrent.CompletableFuture<Boolean> write, String error, Duration retryIn) {
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("handoff", entry.handoffId());
        details.put("channel", channel);
        details.put("attempt", entry.attempts());
        if (retryIn != null) {
            details.put("retry_in_ms", retryIn.toMillis());
        }
        if (error != null) {
            details.put("error", error);
        }
        try {
            if (!await(write)) {
                details.put("claim_lost", true); // the lease ran out mid-send; the row's new holder decides
            }
        } catch (RuntimeException e) {
            if (!running) {
                return; // a send that outlived the shutdown: the store is closed, the lease decides
            }
            storeTrouble(channel, e);
        }
        log.event("notify_" + outcome, details);
    }

    private void storeTrouble(String channel, RuntimeException e) {
        if (!running) {
            return; // the store closes during shutdown
        }
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("channel", channel);
        details.put("error", redactor.redact(String.valueOf(e.getMessage())));
        log.event("notify_store_error", details);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the store did not answer within " + STORE_WAIT_SECONDS + " s", e);
        }
    }

    /**
     * Stops the workers: a send in progress is given a moment, then abandoned (its row's lease
     * runs out and it is sent later, by this inbox after a restart or by another one).
     */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.forEach(Sender::close);
    }
}
