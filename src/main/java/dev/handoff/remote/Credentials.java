package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Target;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the API token of a target: first the environment variable the target names (or the one
 * given with {@code --token-env}), then {@code tokens.<target>} in the user's
 * {@code credentials.yaml}, which must not be readable by anyone else (mode 0600).
 */
public final class Credentials {

    public static final String FILE_NAME = "credentials.yaml";

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private Credentials() {
    }

    /**
     * @param tokenEnvOverride the variable from {@code --token-env}, or null. When given, only that
     *                         variable is read: the user asked for it by name.
     * @param configDir        the user's handoff config directory ({@code UserDirs.config()})
     */
    public static Token resolve(Target target, String tokenEnvOverride, Map<String, String> env, Path configDir) {
        String variable = tokenEnvOverride != null ? tokenEnvOverride : target.tokenEnv();
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.trim(), variable);
        }
        Path file = configDir.resolve(FILE_NAME);
        if (tokenEnvOverride == null && Files.isRegularFile(file)) {
            String fromFile = readTokenFile(file, target.name());
            if (fromFile != null) {
                return new Token(fromFile, "tokens." + target.name() + " in " + file);
            }
        }
        String where = tokenEnvOverride != null ? "" : " or add 'tokens: {" + target.name() + ": <token>}' to " + file + " (mode 0600)";
        throw HandoffException.auth("no API token for target '" + target.name() + "': " + variable + " is not set",
                "set " + variable + where);
    }

    private static String readTokenFile(Path file, String targetName) {
        checkPrivate(file);
        JsonNode root = readPrivately(file);
        JsonNode tokens = root.path("tokens");
        if (!tokens.isMissingNode() && !tokens.isObject()) {
            throw HandoffException.usage(file + ": 'tokens' must be a mapping of target name to token", null);
        }
        JsonNode token = tokens.get(targetName);
        if (token == null || token.isNull()) {
            return null;
        }
        if (!token.isTextual() || token.asText().isBlank()) {
            throw HandoffException.usage(file + ": tokens." + targetName + " must be a non-empty string", null);
        }
        return token.asText().trim();
    }

    /**
     * Reads the file as YAML. A parse error's message and its causes quote the text around the
     * problem, which here is a token, so the error is rebuilt from its position alone, without a
     * cause: not even --verbose's stack trace can show the file's text.
     */
    private static JsonNode readPrivately(Path file) {
        try {
            return YamlFiles.readTree(file);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher at = POSITION.matcher(message.startsWith(file.toString()) ? message.substring(file.toString().length()) : "");
            String where = at.lookingAt() ? file + ":" + at.group(1) + ":" + at.group(2) : file.toString();
            throw HandoffException.usage(where + ": not valid YAML (the details are not shown: the file holds tokens)",
                    "fix the file: 'tokens:' then one 'target: token' line per target, each token on one line (quote it whole or not at all)");
        }
    }

    private static final Pattern POSITION = Pattern.compile(":(\\d+):(\\d+)");

    /** Refuses a credentials file that group or others can read or write. */
    static void checkPrivate(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw HandoffException.auth(file + " is accessible by other users (mode "
                                + mode(perms) + "); refusing to read tokens from it",
                        "run: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot read its permissions: " + e.getMessage(), null);
        }
    }

    private static String mode(Set<PosixFilePermission> perms) {
        int bits = 0;
        for (PosixFilePermission p : perms) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", bits);
    }
}
