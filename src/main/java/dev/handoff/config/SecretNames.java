package dev.handoff.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The environment variable a secret's {@code ${env:NAME}} placeholder names when the file does not
 * name one already: {@code PLUGIT_<TARGET>_<CATEGORY>_<HEADER>} for a Plugit webhook header, else
 * provider, target and the names along the path. fetch writes these names and validate suggests
 * them, so both must come from here.
 */
public final class SecretNames {

    /** What validate writes in place of the target's name when it cannot tell which target a file belongs to. */
    public static final String UNKNOWN_TARGET = "<TARGET>";

    private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile(
            "(?i).*(secret|token|password|passwd|pwd|api[_-]?key|authorization"
                    + "|credential|bearer|cookie|(private|signing|access|encryption|client)[_-]?key).*");

    private SecretNames() {
    }

    /**
     * Whether a key names a secret (a token, password, credential, cookie or key): its value is
     * never shown, fetch writes it as a placeholder, and validate refuses it in clear.
     */
    public static boolean namesSecret(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    /** @param names the field names and list-item labels along the path (for a webhook header: category title, header name) */
    public static String derive(Provider provider, String targetName, List<String> names) {
        List<String> parts = new ArrayList<>();
        parts.add(provider.id());
        parts.add(targetName);
        parts.addAll(names);
        List<String> normalized = new ArrayList<>();
        for (String part : parts) {
            // the unknown target stays readable as a slot to fill in, the rest is made a variable name
            String n = UNKNOWN_TARGET.equals(part) ? part
                    : part.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
            if (!n.isEmpty()) {
                normalized.add(n);
            }
        }
        return String.join("_", normalized);
    }

    /**
     * The name of the project target whose {@code file} is this file, or null when no
     * {@code handoff.yaml} above it names it (or that file cannot be read: validate must not fail on it).
     */
    public static String targetOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path project = ProjectFile.locate(absolute.getParent() == null ? absolute : absolute.getParent());
        if (project == null) {
            return null;
        }
        try {
            for (Target t : ProjectFile.load(project).targets().values()) {
                Path targetFile = t.file().toAbsolutePath().normalize();
                if (targetFile.equals(absolute) || (Files.exists(targetFile) && Files.exists(absolute)
                        && Files.isSameFile(targetFile, absolute))) {
                    return t.name();
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            return null; // a broken project file is reported by the commands that need it
        }
        return null;
    }
}
