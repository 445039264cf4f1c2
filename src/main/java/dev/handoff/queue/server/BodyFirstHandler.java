package dev.handoff.queue.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a request's whole body without a thread (Jetty calls back as bytes arrive) before the
 * blocking handlers see the request, so a client sending its body slowly holds a connection and a
 * buffer, never a request thread. A body not complete within {@link ClientLimits#bodyTimeout} gets
 * 408 and the connection is closed. Bodies declared larger than {@code maxBody} are passed on
 * unread, for the handler to refuse (413) without reading them.
 */
final class BodyFirstHandler extends Handler.Wrapper {

    private final ConnectionGuard guard;
    private final Scheduler scheduler;
    private final Executor handlers;
    private final ClientLimits limits;
    private final int maxBody;

    BodyFirstHandler(ConnectionGuard guard, Scheduler scheduler, Executor handlers, ClientLimits limits, int maxBody) {
        this.guard = guard;
        this.scheduler = scheduler;
        this.handlers = handlers;
        this.limits = limits;
        this.maxBody = maxBody;
    }

    /** Request attribute: {@link System#nanoTime} when the request's headers were complete. */
    static final String ARRIVED = "handoff.arrived";
    /** Request attribute: the Jetty connection it came on, for {@link ConnectionGuard#streamStarted}. */
    static final String CONNECTION = "handoff.connection";

    private final AtomicInteger receiving = new AtomicInteger();

    /** Requests whose body is still arriving, or whose handler has not finished yet. */
    int receiving() {
        return receiving.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        guard.headersArrived(request.getConnectionMetaData().getConnection());
        request.setAttribute(ARRIVED, System.nanoTime());
        request.setAttribute(CONNECTION, request.getConnectionMetaData().getConnection());
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if ((length <= 0 && !chunked) || length > maxBody) {
            return super.handle(request, response, callback);
        }
        receiving.incrementAndGet();
        try {
            receive(request, response, Callback.from(callback, receiving::decrementAndGet));
        } catch (RuntimeException e) {
            receiving.decrementAndGet();
            throw e;
        }
        return true;
    }

    private void receive(Request request, Response response, Callback callback) {
        AtomicBoolean settled = new AtomicBoolean();
        Scheduler.Task deadline = scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                refuse(request, response, callback, 408,
                        "request body not received within " + limits.bodyTimeout().toSeconds() + " s");
            }
        }, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Content.Source.asByteArrayAsync(request, maxBody).whenComplete((body, failure) -> {
            deadline.cancel();
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                // thenApply wraps what the read failed with
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof IOException) {
                    callback.failed(failure); // the client went away mid-body
                } else if (tooLarge(cause)) {
                    refuse(request, response, callback, 413, "body larger than " + maxBody + " bytes");
                } else {
                    // a read cut short another way (the server stopping under load): every failure was a 413 before, which
                    // tells a platform to drop the handoff; this one is worth a retry
                    refuse(request, response, callback, 503, "the request body could not be read; retry");
                }
                return;
            }
            handlers.execute(() -> {
                try {
                    if (!super.handle(withBody(request, body), response, callback)) {
                        Response.writeError(request, response, callback, 404);
                    }
                } catch (Throwable t) {
                    callback.failed(t);
                }
            });
        });
    }

    /** Jetty's refusal to collect more than maxBody bytes (ContentSourceRetainableByteBuffer: "Max size (N) exceeded"). */
    static boolean tooLarge(Throwable failure) {
        return failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).startsWith("Max size (");
    }

    private static void refuse(Request request, Response response, Callback callback, int status, String reason) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.setStatus(status);
        String body = Exchanges.errorBody(reason, null).toString();
        response.write(true, ByteBuffer.wrap(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
    }

    /** The request as the handlers see it: its body already here, read in one chunk. */
    private static Request withBody(Request request, byte[] body) {
        return new Request.Wrapper(request) {
            private boolean consumed;

            @Override
            public Content.Chunk read() {
                if (consumed) {
                    return Content.Chunk.EOF;
                }
                consumed = true;
                return Content.Chunk.from(ByteBuffer.wrap(body), true);
            }

            @Override
            public void demand(Runnable demandCallback) {
                demandCallback.run();
            }
        };
    }
}
