package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.yaml.YamlFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a criterion name is used anywhere besides its configuration: in the evaluation
 * settings beside the file ({@code <name>.eval.yaml}, under {@code criteria:}), or in any
 * transcript file under the repository's {@code transcripts/} folder. Deliberately simple: a
 * transcript file that contains the name as text counts, so an unusual mention keeps a
 * guideline "referenced" rather than warning wrongly. The repository is the nearest folder
 * above the configuration file that holds {@code handoff.yaml} or {@code .git}.
 */
final class References {

    private static final List<String> TRANSCRIPT_SUFFIXES = List.of(".yaml", ".yml", ".jsonl", ".json");

    private final Path evalFile;
    private final Path transcripts;
    private final Map<String, Boolean> cache = new HashMap<>();
    private Set<String> evalNames;
    private boolean evalFailedAttempts;

    References(Path configFile) {
        Path absolute = configFile.toAbsolutePath().normalize();
        this.evalFile = EvaluationSettings.pathFor(absolute);
        Path root = repositoryRoot(absolute.getParent());
        Path dir = root == null ? null : root.resolve("transcripts");
        this.transcripts = dir != null && Files.isDirectory(dir) ? dir : null;
    }

    static Path repositoryRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("handoff.yaml")) || Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return null;
    }

    boolean isReferenced(String name) {
        return cache.computeIfAbsent(name, n -> evalNames().contains(n) || inTranscripts(n));
    }

    /** Whether the evaluation settings beside the file define the failed-attempts rule, which replay reports as a criterion. */
    boolean definesFailedAttempts() {
        evalNames();
        return evalFailedAttempts;
    }

    /** The evaluation settings' file name, for messages. */
    String evalFileName() {
        return evalFile.getFileName().toString();
    }

    /** Where was looked, for the warning's text. */
    String describe() {
        String eval = "not in " + evalFile.getFileName();
        return transcripts == null ? eval + ", and no transcripts/ folder was found" : eval + " nor in any file under transcripts/";
    }

    private Set<String> evalNames() {
        if (evalNames == null) {
            evalNames = new HashSet<>();
            if (Files.isRegularFile(evalFile)) {
                try {
                    JsonNode root = YamlFiles.readTree(evalFile);
                    root.path("criteria").fieldNames().forEachRemaining(evalNames::add);
                    evalFailedAttempts = root.has(dev.handoff.config.FailedAttempts.NAME);
                } catch (RuntimeException e) {
                    // an unreadable settings file is reported when it is validated itself
                }
            }
        }
        return evalNames;
    }

    private boolean inTranscripts(String name) {
        if (transcripts == null) {
            return false;
        }
        try (Stream<Path> files = Files.walk(transcripts)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> TRANSCRIPT_SUFFIXES.stream().anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .anyMatch(f -> contains(f, name));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path file, String name) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.contains(name));
        } catch (IOException | UncheckedIOException e) {
            // not UTF-8 or unreadable: replay reports it; here it simply names nothing
            return false;
        }
    }
}
