package dev.handoff.queue.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The one thread that writes to the database. Callers queue a task and wait on its future; the
 * thread takes everything queued so far, runs it in one transaction and commits once (one fsync
 * for the whole batch), and only then completes the futures. A 2xx therefore always follows a
 * durable commit, and under load many requests share one fsync (group commit).
 *
 * <p>Each task runs inside a savepoint, so one failing task is rolled back alone and the rest of
 * its batch still commits.
 */
final class GroupCommitWriter implements AutoCloseable {

    /** Work for the writer thread; {@link #run} sees the transaction, results are published after commit. */
    abstract static class Task<T> {
        final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        abstract T run(WriteContext context) throws SQLException;
    }

    static final int MAX_BATCH = 1024;
    /**
     * How long a batch waits for PostgreSQL's write lock, as long as SQLite's busy timeout: two
     * batches in a row (the one running when a task was queued, then its own) stay well inside
     * the 15 s a webhook waits, so a webhook answered 503 was not committed later.
     */
    static final long LOCK_WAIT_MILLIS = SqliteStore.BUSY_TIMEOUT_MILLIS;
    private static final int MAX_QUEUED = 16_384;

    /** Replaces a writer connection the database dropped (a PostgreSQL restart); null: none. */
    @FunctionalInterface
    interface Reconnect {
        Connection open() throws SQLException;
    }

    /** Used on the writer thread only (and by {@link #close} after it stopped). */
    private Connection connection;
    private WriteContext context;
    private final Dialect dialect;
    private final Clock clock;
    private final Reconnect reconnect;
    private final LongConsumer onCommitted;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private boolean closed;
    /** Commits that succeeded, and the tasks they carried: tasks per commit is the batching achieved. */
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedTasks = new AtomicLong();
    /** The SQLite file this writer must still be writing to, or null (PostgreSQL, tests). */
    private volatile DatabaseFile file;
    /** Told once, the first time the file is found gone or replaced. */
    private volatile java.util.function.Consumer<String> onLost = reason -> { };
    private final java.util.concurrent.atomic.AtomicBoolean lostReported = new java.util.concurrent.atomic.AtomicBoolean();

    GroupCommitWriter(Connection connection, Dialect dialect, Clock clock, Reconnect reconnect, LongConsumer onCommitted)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.clock = clock;
        this.reconnect = reconnect;
        this.context = new WriteContext(connection, clock);
        this.onCommitted = onCommitted;
        this.thread = new Thread(this::loop, "inbox-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** From now on every batch checks that {@code file} is still the file at its path (see {@link DatabaseFile}). */
    void guard(DatabaseFile file) {
        this.file = file;
    }

    void whenLost(java.util.function.Consumer<String> listener) {
        this.onLost = listener;
    }

    <T> CompletableFuture<T> submit(Task<T> task) {
        synchronized (this) {
            if (closed) {
                task.future.completeExceptionally(new StoreException("the store is shutting down", null));
            } else if (!queue.offer(task)) {
                task.future.completeExceptionally(new StoreException("too many writes waiting", null));
            }
        }
        return task.future;
    }

    boolean alive() {
        return thread.isAlive();
    }

    /** The heartbeat write in flight for health checks, shared so that a burst of checks queues one write, not one each. */
    private CompletableFuture<Void> healthProbe;

    /**
     * A small real write through this writer (the heartbeat row, on its own connection, and a
     * commit), so that health follows what the next webhook would meet, not the last one: a
     * connection the database dropped is replaced by it, a database that is away, a lock held past
     * the wait, a full disk or a read-only file fails it (an empty transaction commits on the last
     * two). True when it committed within 2 s.
     */
    boolean canWrite() {
        DatabaseFile guarded = file;
        if (guarded != null && guarded.nearlyFull()) {
            // the heartbeat rewrites log pages SQLite already has, so it commits on a full disk where a webhook cannot
            return false;
        }
        CompletableFuture<Void> probe;
        synchronized (this) {
            if (healthProbe == null || healthProbe.isDone()) {
                healthProbe = submit(new Task<>() {
                    @Override
                    Void run(WriteContext c) throws SQLException {
                        c.heartbeat();
                        return null;
                    }
                });
            }
            probe = healthProbe;
        }
        try {
            probe.get(2, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Successful commits so far (each one fsync with SQLite). */
    long commits() {
        return commits.get();
    }

    /** Tasks carried by those commits, failed tasks rolled back to their savepoint included. */
    long committedTasks() {
        return committedTasks.get();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Task<?> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (this) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            runBatch(batch);
            batch.clear();
        }
    }

    private void runBatch(List<Task<?>> batch) {
        if (failIfLost(batch)) {
            return; // writing into a file nobody will open again would only hide the loss longer
        }
        SQLException notStarted = begin();
        if (notStarted != null) {
            StoreException failure = new StoreException("could not start a write: " + notStarted.getMessage(), notStarted);
            batch.forEach(t -> t.future.completeExceptionally(failure));
            return;
        }
        for (Task<?> task : batch) {
            runOne(task);
        }
        try {
            if (context.lastSeq() > 0) {
                dialect.announce(connection, context.lastSeq());
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("commit failed: " + e.getMessage(), e);
            batch.forEach(t -> t.future.completeExceptionally(failure));
            replaceIfBroken();
            return;
        }
        // after the commit and before any answer: a batch committed into a deleted or replaced file is
        // not stored where a restart will look, so it is answered as not stored (503: the sender retries)
        if (failIfLost(batch)) {
            return;
        }
        commits.incrementAndGet();
        committedTasks.addAndGet(batch.size());
        if (context.lastSeq() > 0) {
            onCommitted.accept(context.lastSeq());
        }
        for (Task<?> task : batch) {
            complete(task);
        }
    }

    /** True (and the batch failed) when the guarded file is no longer the one at its path; one stat per batch. */
    private boolean failIfLost(List<Task<?>> batch) {
        DatabaseFile guarded = file;
        String lost = guarded == null ? null : guarded.lost();
        if (lost == null) {
            return false;
        }
        if (lostReported.compareAndSet(false, true)) {
            onLost.accept(lost);
        }
        StoreException failure = new StoreException(lost, null);
        batch.forEach(t -> t.future.completeExceptionally(failure));
        return true;
    }

    /**
     * Starts the batch's transaction; null when it started. A connection the database dropped (a
     * PostgreSQL restart) fails at this first statement, before any task ran: the batch then runs on
     * a new connection, once, so that the first webhook after the database is back is stored rather
     * than answered 503 for the old connection's sake.
     */
    private SQLException begin() {
        context.startBatch();
        try {
            dialect.beginWrite(connection, LOCK_WAIT_MILLIS);
            return null;
        } catch (SQLException first) {
            rollbackQuietly();
            if (!replaceIfBroken()) {
                return first;
            }
        }
        context.startBatch();
        try {
            dialect.beginWrite(connection, LOCK_WAIT_MILLIS);
            return null;
        } catch (SQLException again) {
            rollbackQuietly();
            return again;
        }
    }

    private <T> void runOne(Task<T> task) {
        if (task.future.isDone()) {
            return; // its caller gave up waiting (and answered 503): storing it now would make that answer false
        }
        long seqBefore = context.lastSeq();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("SAVEPOINT task");
            try {
                task.result = task.run(context);
                s.executeUpdate("RELEASE task");
            } catch (SQLException | RuntimeException e) {
                s.executeUpdate("ROLLBACK TO task");
                s.executeUpdate("RELEASE task");
                context.rewindSeq(seqBefore);
                task.failure = e;
            }
        } catch (SQLException e) {
            task.failure = e;
        }
    }

    private static <T> void complete(Task<T> task) {
        if (task.failure != null) {
            task.future.completeExceptionally(new StoreException("write failed: " + task.failure.getMessage(), task.failure));
        } else {
            task.future.complete(task.result);
        }
    }

    /**
     * When the connection itself is gone, replaces it; true when a new one is in place. After a
     * failed commit the batch was answered with errors (503 to webhooks: the platform retries), never
     * with success, so nothing acknowledged is lost; the next batch runs on the new connection.
     */
    private boolean replaceIfBroken() {
        if (reconnect == null) {
            return false;
        }
        try {
            if (connection.isValid(2)) {
                return false;
            }
        } catch (SQLException ignored) {
            // treated as broken
        }
        try {
            Connection fresh = reconnect.open();
            WriteContext freshContext = new WriteContext(fresh, clock);
            closeQuietly();
            connection = fresh;
            context = freshContext;
            return true;
        } catch (SQLException e) {
            // the database is still away: the next batch fails fast and tries again
            return false;
        }
    }

    private void closeQuietly() {
        try {
            context.close();
        } catch (SQLException ignored) {
            // replaced anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // replaced anyway
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is already in trouble; the failure has been reported to every caller
        }
    }

    /** Runs everything already queued, stops the thread, closes the connection. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            closeQuietly();
        }
    }
}
