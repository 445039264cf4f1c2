package dev.handoff.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} for commands whose output is data. */
public final class OutputMixin {

    public enum Format { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    public boolean json() {
        return format == Format.json;
    }
}
