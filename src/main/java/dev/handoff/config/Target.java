package dev.handoff.config;

import java.nio.file.Path;

/**
 * One entry of the project file: a remote configuration and the local file that mirrors it.
 *
 * @param tokenEnv the environment variable holding the API token (never the token itself)
 * @param agentId  the Plugit agent id; null for quickchat and for an agent not created yet
 */
public record Target(String name, Provider provider, String baseUrl, Path file, String tokenEnv, String agentId) {

    /** The variable name used when the project file does not name one: HANDOFF_TOKEN_&lt;NAME&gt;. */
    public static String defaultTokenEnv(String targetName) {
        return "HANDOFF_TOKEN_" + targetName.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
