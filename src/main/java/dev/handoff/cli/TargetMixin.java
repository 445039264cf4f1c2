package dev.handoff.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which remote a command talks to, and overrides for its URL and token variable. */
public final class TargetMixin {

    @Option(names = {"-t", "--target"}, paramLabel = "NAME",
            description = "Target from the project file (default: its default_target, or its only target).")
    String target;

    @Option(names = "--project", paramLabel = "FILE",
            description = "Project file mapping targets (default: handoff.yaml in this or a parent directory).")
    Path project;

    @Option(names = "--api-url", paramLabel = "URL", description = "Override the target's base URL.")
    String apiUrl;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "Read the API token from this environment variable instead of the target's.")
    String tokenEnv;
}
