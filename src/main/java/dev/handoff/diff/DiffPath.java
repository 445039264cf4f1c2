package dev.handoff.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a change is, for people ({@link #display()}: {@code custom_guidelines[name=Refund requests].description})
 * and for JSON Patch ({@link #pointer()}: RFC 6901 into the remote document in canonical order).
 */
public record DiffPath(List<Segment> segments) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    public static final DiffPath ROOT = new DiffPath(List.of());

    /** A step in the path. */
    public sealed interface Segment permits Field, Item {
    }

    /** An object member. */
    public record Field(String name) implements Segment {
    }

    /**
     * A list element, shown by the key it was matched with.
     *
     * @param remoteIndex the element's index in the remote list, or -1 when only the local side has it
     */
    public record Item(String key, String value, int remoteIndex) implements Segment {
    }

    public DiffPath field(String name) {
        return append(new Field(name));
    }

    public DiffPath item(String key, String value, int remoteIndex) {
        return append(new Item(key, value, remoteIndex));
    }

    private DiffPath append(Segment s) {
        List<Segment> copy = new ArrayList<>(segments);
        copy.add(s);
        return new DiffPath(List.copyOf(copy));
    }

    /** The last field name, or null. */
    public String lastField() {
        return !segments.isEmpty() && segments.get(segments.size() - 1) instanceof Field f ? f.name() : null;
    }

    public String display() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Field f) {
                if (PLAIN.matcher(f.name()).matches()) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(f.name());
                } else {
                    sb.append("[\"").append(f.name().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
                }
            } else if (s instanceof Item i) {
                sb.append('[').append(i.key()).append('=').append(i.value().replace("]", "\\]")).append(']');
            }
        }
        return sb.isEmpty() ? "(document)" : sb.toString();
    }

    /** RFC 6901 pointer into the remote document; an element only the local side has is {@code -}. */
    public String pointer() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append('/');
            if (s instanceof Field f) {
                sb.append(escape(f.name()));
            } else if (s instanceof Item i) {
                sb.append(i.remoteIndex() < 0 ? "-" : Integer.toString(i.remoteIndex()));
            }
        }
        return sb.toString();
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return display();
    }
}
