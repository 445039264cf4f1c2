package dev.handoff.error;

/**
 * Every failure the user can act on. Features throw it with a {@link Kind}; the CLI maps the
 * kind to an exit code in exactly one place ({@code dev.handoff.cli.ErrorHandler}).
 *
 * <p>The message is the first line the user reads: it names the file (with line and column),
 * field path or URL involved and what is wrong. The hint, when present, says what to do.
 * Neither may contain a secret.
 */
public class HandoffException extends RuntimeException {

    /** What kind of "no" this is; decides the exit code (docs/exit-codes.md). */
    public enum Kind {
        /** The check said no: invalid file, gate failed, differences found. Exit 1. */
        CHECK_FAILED,
        /** Bad option, missing or unreadable local file, malformed local input. Exit 2. */
        USAGE,
        /** Network, timeout, HTTP 5xx, unparseable response. Exit 3. */
        REMOTE,
        /** HTTP 401/403, missing credentials. Exit 4. */
        AUTH,
        /** The remote changed since the local file or plan was made. Exit 5. */
        CONFLICT
    }

    private final Kind kind;
    private final String hint;

    public HandoffException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public HandoffException(Kind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public HandoffException(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    /** What the user should do next, or null. */
    public String hint() {
        return hint;
    }

    public static HandoffException usage(String message, String hint) {
        return new HandoffException(Kind.USAGE, message, hint);
    }

    public static HandoffException remote(String message, String hint, Throwable cause) {
        return new HandoffException(Kind.REMOTE, message, hint, cause);
    }

    public static HandoffException auth(String message, String hint) {
        return new HandoffException(Kind.AUTH, message, hint);
    }

    public static HandoffException conflict(String message, String hint) {
        return new HandoffException(Kind.CONFLICT, message, hint);
    }
}
