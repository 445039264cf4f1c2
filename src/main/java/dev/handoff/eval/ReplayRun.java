package dev.handoff.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One run of one transcript through replay (of --repeat N): where it stands, what fired, how it ended. */
final class ReplayRun {

    final int userTurns;
    final Map<String, List<Sweep.Point>> traces;
    final List<TranscriptOutcome.TurnFiring> turns = new ArrayList<>(0);
    int nextTurn = 1;
    boolean done;
    Integer trigger;
    List<String> fired;
    String route;
    String text;
    TranscriptOutcome.InvalidTurn invalid;
    TranscriptOutcome.InvalidTurn unrecorded;

    ReplayRun(int userTurns, boolean traced) {
        this.userTurns = userTurns;
        this.traces = traced ? new HashMap<>() : null;
    }
}
