package dev.handoff.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;

/**
 * The remote side of one target: reads and writes the vendor's configuration document. Each
 * provider's contract is one implementation; documents go in and out as plain JSON trees with
 * secrets in clear, so nothing here may log or print them.
 */
public sealed interface ConfigRemote permits QuickchatRemote, PlugitRemote {

    Provider provider();

    /** The URL of the document, for messages. */
    String location();

    /** False for a Plugit agent that has no id yet: {@link #write} will create it. */
    boolean exists();

    /** GETs the document; a body that is not the expected document is a remote error naming the URL. */
    Read fetch();

    /**
     * Sends the whole document (secrets resolved, no {@code x-handoff} header).
     *
     * @param baseVersion the remote version the change was made against (part of the idempotency key)
     * @param etag        the ETag the document was last read with, sent as {@code If-Match}; null when
     *                    the server gave none (then nothing guards the moment between that read and this write)
     * @param createKey   the Idempotency-Key of a create (Plugit POST), which the caller keeps across runs
     *                    until the created agent's id is recorded; ignored by an update
     * @param beforeResend given the write before it is sent again without {@code If-Match} (see
     *                    {@link ApiClient#send(ApiCall, java.util.function.Consumer)}); throws to stop; may be null
     */
    WriteOutcome write(ObjectNode document, String baseVersion, String etag, String createKey,
                       java.util.function.Consumer<ApiCall> beforeResend);

    /** The remote to read after a write (a created agent has an id now). */
    ConfigRemote after(WriteOutcome outcome);

    /** A document as read, with the server's {@code ETag} (null when it sent none). */
    record Read(ObjectNode document, String etag) {
    }

    /**
     * @param createdId the id of a Plugit agent that {@code write} created, else null
     * @param answer    the document the server answered the write with, when it answered one (else
     *                  null): what is known of the stored document when reading it back fails
     * @param idempotencyKey the Idempotency-Key the write was sent with, else null: a server that keeps
     *                  keys may answer a key it saw before with its earlier reply and apply nothing
     */
    record WriteOutcome(String method, String url, String createdId, ObjectNode answer, String idempotencyKey) {
    }
}
