package dev.handoff.cli;

import dev.handoff.error.HandoffException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes, the same for every command (docs/exit-codes.md). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int REMOTE = 3;
    public static final int AUTH = 4;
    public static final int CONFLICT = 5;
    /**
     * A bug in handoff, never an answer: 70 is EX_SOFTWARE of sysexits.h, far from the codes
     * above so that a script never reads a crash as "the gate failed".
     */
    public static final int INTERNAL = 70;
    /** Ended by Ctrl-C (SIGINT, or the Ctrl-C key of the full-screen view): 128 + SIGINT, as the shell reports it. */
    public static final int INTERRUPTED = 130;
    /** stdout was a pipe whose reader left (| head): 128 + SIGPIPE, quietly, as other Unix tools. */
    public static final int BROKEN_PIPE = 141;

    private ExitCode() {
    }

    public static int of(HandoffException.Kind kind) {
        return switch (kind) {
            case CHECK_FAILED -> CHECK_FAILED;
            case USAGE -> USAGE;
            case REMOTE -> REMOTE;
            case AUTH -> AUTH;
            case CONFLICT -> CONFLICT;
        };
    }

    /** For the "Exit codes:" section of every command's help. */
    public static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success; no differences; the gate passed");
        m.put("1", "the check said no: differences (diff), invalid file (validate), gate failed (replay),"
                + " or you answered no to push's or restore's question (nothing was sent)");
        m.put("2", "usage error: bad option, missing, unreadable or unwritable file, malformed local input");
        m.put("3", "remote error: network, timeout, HTTP 5xx, unparseable response");
        m.put("4", "authentication or permission refused (HTTP 401/403), missing token");
        m.put("5", "conflict: the remote changed since the local file or plan was made");
        m.put("70", "internal error: a bug in handoff (run again with --verbose and report it)");
        m.put("130", "interrupted (Ctrl-C); 143 for SIGTERM. A write in flight says it may have been applied");
        m.put("141", "stdout was a pipe whose reader went away (| head); nothing is printed");
        return m;
    }
}
