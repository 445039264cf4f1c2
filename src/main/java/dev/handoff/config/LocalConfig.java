package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.nio.file.Path;

/**
 * A configuration file as kept in git: the vendor document plus an {@code x-handoff} header
 * that is never sent to the remote. The header says which provider the document is for and
 * from which remote version ({@code remote_version}, see {@code CanonicalForm.hash}) it was
 * fetched, so that {@code push} can tell when the remote moved on.
 *
 * @param document      the vendor document without the header (unknown fields kept as read)
 * @param remoteVersion null when the file was written by hand and never fetched
 */
public record LocalConfig(Path file, Provider provider, ObjectNode document, String remoteVersion) {

    public static final String HEADER = "x-handoff";

    public static LocalConfig read(Path file) {
        return read(file, file);
    }

    /** Reads {@code file}, naming it {@code shownAs} in messages (the path as the user gave it, or relative to the work folder). */
    public static LocalConfig read(Path file, Path shownAs) {
        return of(file, shownAs, YamlFiles.readTree(file, shownAs));
    }

    public static LocalConfig of(Path file, JsonNode root) {
        return of(file, file, root);
    }

    private static LocalConfig of(Path file, Path shownAs, JsonNode root) {
        if (!root.isObject()) {
            // as validate says it: "a list", not Jackson's node type "array"
            throw HandoffException.usage(shownAs + ": expected a mapping at the top of the file, found " + describe(root),
                    "a configuration file starts with keys such as 'settings:' (quickchat), 'categories:' (plugit) or 'triggers:' (caty)");
        }
        ObjectNode document = ((ObjectNode) root).deepCopy();
        JsonNode header = document.remove(HEADER);
        Provider provider = null;
        String remoteVersion = null;
        if (header != null && header.isObject()) {
            if (header.hasNonNull("provider")) {
                try {
                    provider = Provider.parse(header.get("provider").asText());
                } catch (IllegalArgumentException e) {
                    throw HandoffException.usage(shownAs + ": " + HEADER + ".provider: " + e.getMessage(), null);
                }
            }
            remoteVersion = header.hasNonNull("remote_version") ? header.get("remote_version").asText() : null;
        }
        if (provider == null) {
            provider = guessProvider(document);
        }
        if (provider == null && document.has("targets")) {
            // "add x-handoff: {provider: quickchat}" would turn the project file into a broken configuration
            throw HandoffException.usage(shownAs + ": this is a project file (it maps 'targets'), not a quickchat, plugit or caty configuration",
                    "diff, fetch and push work on configurations: name one of the files its targets' 'file:' names");
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (provider == null && (name.endsWith(".eval.yaml") || name.endsWith(".eval.yml"))) {
            // its keys fit no provider: "add x-handoff: {provider: quickchat}" would turn the settings into a broken configuration
            throw HandoffException.usage(shownAs + ": this is an evaluation settings file (NAME.eval.yaml), not a quickchat, plugit or caty configuration",
                    "name the configuration beside it (" + name.replaceFirst("\\.eval\\.ya?ml$", ".yaml") + "); its evaluation settings are read from there");
        }
        if (provider == null) {
            throw HandoffException.usage(shownAs + ": cannot tell whether this is a quickchat, plugit or caty configuration",
                    "add '" + HEADER + ": {provider: quickchat}' (or plugit, or caty) at the top");
        }
        return new LocalConfig(file, provider, document, remoteVersion);
    }

    /** The file's content with its header, ready for {@code CanonicalForm.toYaml}. */
    public ObjectNode withHeader() {
        ObjectNode root = document.deepCopy();
        ObjectNode header = root.objectNode();
        header.put("provider", provider.id());
        if (remoteVersion != null) {
            header.put("remote_version", remoteVersion);
        }
        ObjectNode ordered = root.objectNode();
        ordered.set(HEADER, header);
        ordered.setAll(root);
        return ordered;
    }

    private static String describe(JsonNode n) {
        if (n.isArray()) {
            return "a list";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        return n.isBoolean() ? "a boolean" : "a " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    static Provider guessProvider(JsonNode document) {
        if (document.has("categories")) {
            return Provider.PLUGIT;
        }
        if (document.has("triggers")) {
            return Provider.CATY;
        }
        if (document.has("settings") || document.has("generic_guidelines") || document.has("custom_guidelines")) {
            return Provider.QUICKCHAT;
        }
        return null;
    }
}
