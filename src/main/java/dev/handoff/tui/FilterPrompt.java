package dev.handoff.tui;

/**
 * The text of the {@code /} filter: the committed filter, and the draft while the prompt is open
 * (the rows follow the draft as it is typed). Each method says whether the filter in force changed.
 */
final class FilterPrompt {

    private String committed = "";
    private String draft;

    void open() {
        draft = committed;
    }

    boolean editing() {
        return draft != null;
    }

    boolean type(String text) {
        if (draft == null) {
            return false;
        }
        draft += text;
        return true;
    }

    /** Removes the last character (a whole code point) of the draft. */
    boolean backspace() {
        if (draft == null || draft.isEmpty()) {
            return false;
        }
        draft = draft.substring(0, draft.offsetByCodePoints(draft.length(), -1));
        return true;
    }

    /** Enter: the draft, without surrounding blanks, becomes the filter. */
    boolean commit() {
        if (draft == null) {
            return false;
        }
        committed = draft.strip();
        draft = null;
        return true;
    }

    /** Esc in the prompt: back to the committed filter. */
    boolean cancel() {
        if (draft == null) {
            return false;
        }
        draft = null;
        return true;
    }

    /** Esc outside the prompt: no filter. */
    boolean clear() {
        if (committed.isEmpty()) {
            return false;
        }
        committed = "";
        return true;
    }

    /** The filter in force: the one being typed, else the committed one. */
    String effective() {
        return draft != null ? draft : committed;
    }

    /** The text being typed, or null when the prompt is closed. */
    String draft() {
        return draft;
    }
}
