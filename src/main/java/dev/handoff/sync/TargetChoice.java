package dev.handoff.sync;

import java.nio.file.Path;

/**
 * Which target the user asked for and the overrides given on the command line (all optional).
 *
 * @param name     the target name, or null for the project's default
 * @param project  the project file, or null to look for {@code handoff.yaml} upwards from the working directory
 * @param apiUrl   replaces the target's base URL
 * @param tokenEnv replaces the target's token variable
 */
public record TargetChoice(String name, Path project, String apiUrl, String tokenEnv) {
}
