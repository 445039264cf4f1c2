package dev.handoff.tui;

/**
 * The two panes over the queue, detail and help: whether each is open and how far it is scrolled.
 * The detail pane's scroll belongs to the handoff it was scrolled on, so moving the cursor to
 * another handoff shows that one's pane from its top.
 */
final class Panes {

    private boolean detail;
    private long detailScrolledId = Long.MIN_VALUE;
    private int detailTop;
    private boolean help;
    private int helpTop;

    void toggleDetail() {
        detail = !detail;
        detailTop = 0;
    }

    boolean detailOpen() {
        return detail;
    }

    int detailTop(QueueEntry selected) {
        return selected != null && selected.id() == detailScrolledId ? detailTop : 0;
    }

    void scrollDetail(QueueEntry selected, int delta, int max) {
        if (selected == null) {
            return;
        }
        detailTop = clamp(detailTop(selected) + delta, max);
        detailScrolledId = selected.id();
    }

    void toggleHelp() {
        help = !help;
        helpTop = 0;
    }

    boolean helpOpen() {
        return help;
    }

    int helpTop() {
        return helpTop;
    }

    void scrollHelp(int delta, int max) {
        helpTop = clamp(helpTop + delta, max);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, Math.max(0, max)));
    }
}
