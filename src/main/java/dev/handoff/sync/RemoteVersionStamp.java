package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a new {@code remote_version} in a local file after a push. Only the header line changes,
 * so the file keeps its comments and layout; when the edit cannot be made safely the file is
 * rewritten in canonical form instead.
 */
final class RemoteVersionStamp {

    private static final Pattern BLOCK_HEADER = Pattern.compile("^x-handoff:\\s*(#.*)?$");
    private static final Pattern FLOW_HEADER = Pattern.compile("^x-handoff:\\s*\\{.*}\\s*(#.*)?$");
    private static final Pattern VERSION_LINE = Pattern.compile("^(\\s+)remote_version:.*$");
    private static final Pattern CHILD = Pattern.compile("^(\\s+)\\S.*$");

    private RemoteVersionStamp() {
    }

    /** @return false when the file had to be rewritten canonically (comments lost) */
    static boolean update(LocalConfig local, String version) {
        String text = YamlFiles.readUtf8(local.file(), YamlFiles.MAX_BYTES);
        String edited = edit(text, local.provider(), version);
        boolean kept = edited != null && sameDocument(local, edited, version);
        String out = kept ? edited
                : CanonicalForm.toYaml(local.provider(), new LocalConfig(local.file(), local.provider(), local.document(), version).withHeader());
        try {
            AtomicFiles.write(local.file(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kept;
    }

    static String edit(String text, Provider provider, String version) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FLOW_HEADER.matcher(line).matches()) {
                lines.set(i, "x-handoff:");
                lines.add(i + 1, "  provider: " + provider.id());
                lines.add(i + 2, "  remote_version: " + version);
                return String.join(newline, lines);
            }
            if (BLOCK_HEADER.matcher(line).matches()) {
                int last = i;
                String indent = "  ";
                for (int j = i + 1; j < lines.size(); j++) {
                    String child = lines.get(j);
                    if (child.isBlank() || child.stripLeading().startsWith("#")) {
                        continue;
                    }
                    Matcher c = CHILD.matcher(child);
                    if (!c.matches()) {
                        break;
                    }
                    indent = c.group(1);
                    Matcher v = VERSION_LINE.matcher(child);
                    if (v.matches()) {
                        lines.set(j, v.group(1) + "remote_version: " + version);
                        return String.join(newline, lines);
                    }
                    last = j;
                }
                lines.add(last + 1, indent + "remote_version: " + version);
                return String.join(newline, lines);
            }
        }
        int at = 0;
        while (at < lines.size() && (lines.get(at).isBlank() || lines.get(at).startsWith("#"))) {
            at++;
        }
        if (at < lines.size() && lines.get(at).startsWith("---")) {
            at++;
        }
        lines.add(at, "x-handoff:");
        lines.add(at + 1, "  provider: " + provider.id());
        lines.add(at + 2, "  remote_version: " + version);
        return String.join(newline, lines);
    }

    private static boolean sameDocument(LocalConfig local, String edited, String version) {
        try {
            JsonNode root = YamlFiles.parse(local.file(), edited);
            LocalConfig after = LocalConfig.of(local.file(), root);
            return version.equals(after.remoteVersion()) && after.provider() == local.provider()
                    && after.document().equals(local.document());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
