package dev.handoff.eval;

/**
 * How the engine replays.
 *
 * @param window   transcripts in flight at once; each round asks the classifier about one turn of each
 * @param allTurns go on after the trigger turn (needed by --sweep)
 * @param repeat   runs per transcript; the first is scored, disagreeing runs are reported as unstable
 * @param shard    only the transcripts of this shard, or null for all
 * @param keepGoing report bad transcripts and go on, instead of stopping at the first
 */
public record ReplayOptions(int window, boolean allTurns, int repeat, Shard shard, boolean keepGoing) {

    public static final int DEFAULT_WINDOW = 256;

    public ReplayOptions {
        if (window < 1 || repeat < 1) {
            throw new IllegalArgumentException("window and repeat must be at least 1");
        }
    }
}
