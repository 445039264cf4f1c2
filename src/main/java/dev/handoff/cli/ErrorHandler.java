package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.files.IoMessages;
import dev.handoff.text.Invisible;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place where exceptions become exit codes and messages. The user reads one or two
 * plain lines; the stack trace only with --verbose.
 *
 * <p>Messages quote what servers answered and what files hold (a status a server sent, an
 * argument, a path), so every line printed here goes through {@link #line}: a control character
 * or text-direction mark in it is shown as a visible escape instead of reaching the terminal.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = HandoffCommand.root(commandLine).verbose();
        Throwable cause = ex;
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            cause = u.getCause();
        }
        int code;
        if (cause instanceof HandoffException h) {
            line(err, "handoff: ", h.getMessage());
            if (h.hint() != null && !h.hint().isBlank()) {
                line(err, "  ", h.hint());
            }
            code = ExitCode.of(h.kind());
        } else if (cause instanceof java.io.IOException io) {
            line(err, "handoff: ", IoMessages.plain(io));
            line(err, "  ", "check the path, the permissions and the free space; run with --verbose for details");
            code = ExitCode.USAGE;
        } else {
            internal(err, cause);
            code = ExitCode.INTERNAL;
        }
        if (verbose) {
            printStackTrace(err, ex);
        }
        err.flush();
        return code;
    }

    /**
     * Runs the command; an Error it throws (the heap is full, the stack overflowed), which picocli
     * passes on rather than to {@link #handleExecutionException}, is an internal error too: exit 70
     * and two plain lines, the stack trace only with --verbose. Never exit 1, which a CI job reads
     * as "invalid file".
     */
    static CommandLine.IExecutionStrategy catchingErrors(CommandLine.IExecutionStrategy strategy) {
        return parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (Error e) {
                CommandLine root = parseResult.commandSpec().root().commandLine();
                PrintWriter err = root.getErr();
                internal(err, e);
                if (HandoffCommand.root(root).verbose()) {
                    printStackTrace(err, e);
                }
                err.flush();
                return ExitCode.INTERNAL;
            }
        };
    }

    /** The two lines of an internal error (a bug, or a JVM out of memory). */
    static void internal(PrintWriter err, Throwable cause) {
        line(err, "handoff: internal error: ", describeInternal(cause));
        line(err, "  ", (cause instanceof OutOfMemoryError ? "handoff ran out of memory; that is a bug on any input it accepts:"
                : "this is a bug;") + " run again with --verbose and report the output (exit code " + ExitCode.INTERNAL + ")");
    }

    static String describeInternal(Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            return "out of memory" + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        }
        return String.valueOf(cause);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String help = "try '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            boolean option = first.startsWith("-");
            boolean command = !option && !cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty();
            String what = option ? "unknown option" : command ? "unknown command" : "unexpected argument";
            line(err, "handoff: ", what + " '" + first + "'");
            List<String> suggestions = withOtherCase(cmd, first, closestFirst(first, unmatched.getSuggestions()));
            line(err, "  ", (suggestions.isEmpty() ? "" : "did you mean: " + String.join(", ", suggestions) + "? ") + help);
        } else if (ex instanceof CommandLine.MaxValuesExceededException && repeated(cmd, args) != null) {
            // picocli's words for an exclusive group given twice name its internals
            CommandLine.Model.OptionSpec option = repeated(cmd, args);
            line(err, "handoff: ", option.longestName() + " given more than once: pass one " + option.longestName()
                    + " " + option.paramLabel());
            line(err, "  ", help);
        } else {
            line(err, "handoff: ", plainChoice(withoutPrefix(ex.getMessage())));
            line(err, "  ", help);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * One line of the error: the text, which may quote a server or a file, with every control
     * character (a line break too: a message is one line) and text-direction mark escaped.
     */
    static void line(PrintWriter err, String prefix, String text) {
        err.println(prefix + Invisible.escaped(text));
    }

    /**
     * The stack trace of --verbose, one line per frame as Java prints it, each line escaped like a
     * message: an exception's message is in it too, its first line only. The lines after it are a
     * parser's excerpt of the file (SnakeYAML quotes the text around a problem), which may be a
     * password written where it does not belong.
     */
    private static final java.util.regex.Pattern CHOICE = java.util.regex.Pattern.compile(
            "Invalid value for (?:option '([^']+)'|positional parameter at index \\d+ \\(([^)]+)\\)): expected one of \\[([^\\]]*)\\]"
                    + " \\(case-insensitive\\) but was '(.*)'");

    /** picocli's "Invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh] (case-insensitive)..." in plain words. */
    static String plainChoice(String message) {
        java.util.regex.Matcher m = CHOICE.matcher(message);
        if (!m.matches()) {
            return message;
        }
        String what = m.group(1) != null ? m.group(1) : m.group(2);
        return what + " '" + m.group(4) + "': expected one of " + m.group(3);
    }

    private static final java.util.regex.Pattern FRAME = java.util.regex.Pattern.compile("at [\\w$.<>/@-]+\\([^()]*\\)");
    private static final java.util.regex.Pattern ELIDED = java.util.regex.Pattern.compile("\\.\\.\\. \\d+ (more|common frames omitted)");

    static void printStackTrace(PrintWriter err, Throwable ex) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        boolean first = true;
        for (String l : trace.toString().split("\r?\n")) {
            String t = l.strip();
            // a frame is "at pkg.Class.method(File.java:1)", an elision "... 14 more"; SnakeYAML starts a cut
            // excerpt with "... " too, and a file's line may start with "at ": only the exact shapes pass
            if (first || FRAME.matcher(t).matches() || ELIDED.matcher(t).matches() || t.startsWith("Caused by: ") || t.startsWith("Suppressed: ")) {
                line(err, "", l.replace("\t", "    "));
            }
            first = false;
        }
    }

    /** A short option typed in the wrong case ({@code -V} for {@code -v}) is the likeliest meaning: picocli suggests none. */
    private static List<String> withOtherCase(CommandLine cmd, String typed, List<String> suggestions) {
        if (typed.length() != 2 || typed.charAt(0) != '-') {
            return suggestions;
        }
        List<String> out = new java.util.ArrayList<>();
        for (CommandLine.Model.OptionSpec option : cmd.getCommandSpec().options()) {
            for (String name : option.names()) {
                if (!name.equals(typed) && name.equalsIgnoreCase(typed)) {
                    out.add(name + " (" + option.longestName() + ")");
                }
            }
        }
        suggestions.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    /**
     * picocli finds the suggestions by likeness but lists them in the command's order; the
     * nearest (fewest edits, a shared prefix breaking ties) goes first.
     */
    static List<String> closestFirst(String typed, List<String> suggestions) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        return suggestions.stream()
                .sorted(java.util.Comparator.<String>comparingInt(s -> dev.handoff.text.EditDistance.between(word, s))
                        .thenComparing(s -> -commonPrefix(word, s)))
                .toList();
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** The option of an exclusive group that the arguments give more than once, or null. */
    private static CommandLine.Model.OptionSpec repeated(CommandLine cmd, String[] args) {
        for (CommandLine.Model.ArgGroupSpec group : cmd.getCommandSpec().argGroups()) {
            for (CommandLine.Model.OptionSpec option : group.options()) {
                long times = java.util.Arrays.stream(args)
                        .filter(a -> java.util.Arrays.stream(option.names()).anyMatch(n -> a.equals(n) || a.startsWith(n + "=")))
                        .count();
                if (times > 1) {
                    return option;
                }
            }
        }
        return null;
    }

    /** picocli starts some messages with "Error: "; ours already start with "handoff: ". */
    private static String withoutPrefix(String message) {
        String m = message == null ? "" : message;
        return m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
    }
}
