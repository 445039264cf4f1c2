package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.tui.TailKeys.Op;

/**
 * What reaches {@link TailUi}'s one UI thread: keys, source changes, connection states, resizes and
 * results of operator actions, each from its own thread, all through one queue.
 */
sealed interface TailEvent {

    record Key(Op op, String text) implements TailEvent {
    }

    record SnapshotArrived(QueueSource.Snapshot snapshot) implements TailEvent {
    }

    record ChangeArrived(QueueEntry entry, long seq) implements TailEvent {
    }

    record StateChanged(ConnectionState state) implements TailEvent {
    }

    record SourceFailed(HandoffException error) implements TailEvent {
    }

    record Resized() implements TailEvent {
    }

    record Interrupted() implements TailEvent {
    }

    /** Ctrl-Z (SIGTSTP): give the terminal back and stop. */
    record Suspend() implements TailEvent {
    }

    /** SIGCONT: the process runs again after a stop. */
    record Continued() implements TailEvent {
    }

    record ActionDone(OperatorAction.Request request, QueueEntry result) implements TailEvent {
    }

    record ActionFailed(OperatorAction.Request request, HandoffException error) implements TailEvent {
    }

    record InputClosed() implements TailEvent {
    }

    /** Something the source could not use, said once in the status line ({@link QueueSource.Listener#onNotice}). */
    record Notice(String text) implements TailEvent {
    }
}
