package dev.handoff.queue.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private static final int MAX_QUEUED = 16_384;

    private final Connection connection;
    private final Dialect dialect;
    private final WriteContext context;
    private final LongConsumer onCommitted;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private boolean closed;

    GroupCommitWriter(Connection connection, Dialect dialect, WriteContext context, LongConsumer onCommitted) {
        this.connection = connection;
        this.dialect = dialect;
        this.context = context;
        this.onCommitted = onCommitted;
        this.thread = new Thread(this::loop, "inbox-writer");
        this.thread.setDaemon(true);
        this.thread.start();
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
        context.startBatch();
        try {
            dialect.beginWrite(connection);
        } catch (SQLException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("could not start a write: " + e.getMessage(), e);
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
            return;
        }
        if (context.lastSeq() > 0) {
            onCommitted.accept(context.lastSeq());
        }
        for (Task<?> task : batch) {
            complete(task);
        }
    }

    private <T> void runOne(Task<T> task) {
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

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is already in trouble; the failure has been reported to every caller
        }
    }

    /** Runs everything already queued, then stops the thread. */
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
    }
}
