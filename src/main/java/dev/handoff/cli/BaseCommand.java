package dev.handoff.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Access to the shared context for every command; commands stay thin and call a feature package. */
@CommandLine.Command
abstract class BaseCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    HandoffCommand root() {
        return (HandoffCommand) spec.root().userObject();
    }

    CliContext context() {
        return root().context();
    }

    /**
     * Stdout for people: every control character and text-direction mark in what is printed is shown
     * escaped, except the colours of a {@link dev.handoff.text.Styled} report.
     */
    PrintWriter out() {
        return root().humanOut();
    }

    /**
     * Stdout for programs, written byte for byte (still redacted): JSON reports, fetch --stdout's
     * YAML, JSON lines, completion scripts.
     */
    PrintWriter data() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Stderr for the progress line ({@link StatusLine}): its controls are not escaped. */
    PrintWriter progressErr() {
        return root().progressErr();
    }

    boolean verbose() {
        return root().verbose();
    }

    boolean color() {
        return root().color();
    }

    /**
     * A secret from the environment, registered with the command's output masking (stdout, stderr,
     * request logs, -v traces) in every form a server may echo it in; null when unset.
     */
    String secretEnv(String variable) {
        String value = context().env(variable);
        if (value == null || value.isEmpty()) {
            return value;
        }
        root().redactor().add(value);
        root().redactor().add(value.strip());
        return value;
    }
}
