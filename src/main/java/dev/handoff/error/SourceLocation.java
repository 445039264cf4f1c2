package dev.handoff.error;

import java.nio.file.Path;

/**
 * Where in a local file something is: used to prefix messages as {@code file:line:column}.
 * Line and column are 1-based; 0 means unknown.
 */
public record SourceLocation(Path file, int line, int column) {

    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        String name = file == null ? "<input>" : file.toString();
        if (line <= 0) {
            return name;
        }
        return column <= 0 ? name + ":" + line : name + ":" + line + ":" + column;
    }
}
