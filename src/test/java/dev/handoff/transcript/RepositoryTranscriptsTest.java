package dev.handoff.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Criterion;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.RoutingProfile;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.config.yaml.YamlFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the repository's own transcripts ({@code transcripts/}): every file follows the documented
 * transcript format, every label names criteria and routing profiles of the example
 * configuration, the deterministic rules (keywords, media) agree with the labels, tagged
 * working-hours cases really fall inside or outside the configured hours, and the set still
 * covers what the project promises (every criterion, every profile, hard negatives, ...).
 * The conventions are in {@code transcripts/README.md}.
 */
class RepositoryTranscriptsTest {

    private static final Path DIR = Path.of("transcripts");
    private static final Path CONFIG = Path.of("guidelines/quickchat-support.yaml");

    private static final Set<String> TOP_KEYS = Set.of("id", "meta", "started_at", "messages", "expect");
    private static final Set<String> MESSAGE_KEYS = Set.of("role", "text", "at", "media");
    private static final Set<String> EXPECT_KEYS = Set.of("handoff", "criteria", "turn", "route");
    private static final Set<String> ROLES = Set.of("user", "assistant", "operator", "system");
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "file");

    private static HandoffConfig config;
    private static List<Entry> transcripts;
    private static List<String> problems;

    /** One transcript as read, with where it came from. */
    private record Entry(String where, Path file, JsonNode node) {
        String id() {
            return node.path("id").asText();
        }

        JsonNode expect() {
            return node.get("expect");
        }

        List<String> tags() {
            List<String> tags = new ArrayList<>();
            node.path("meta").path("tags").forEach(t -> tags.add(t.asText()));
            return tags;
        }

        List<JsonNode> userMessages() {
            List<JsonNode> users = new ArrayList<>();
            node.path("messages").forEach(m -> {
                if ("user".equals(m.path("role").asText())) {
                    users.add(m);
                }
            });
            return users;
        }

        List<String> criteria() {
            List<String> c = new ArrayList<>();
            if (expect() != null) {
                expect().path("criteria").forEach(n -> c.add(n.asText()));
            }
            return c;
        }

        boolean handoff() {
            return expect() != null && expect().path("handoff").asBoolean(false);
        }

        int turn() {
            return expect() == null ? 1 : expect().path("turn").asInt(1);
        }
    }

    @BeforeAll
    static void readEverything() throws IOException {
        config = HandoffConfig.from(LocalConfig.read(CONFIG)).withEvaluationSettings(EvaluationSettings.forConfig(CONFIG));
        transcripts = new ArrayList<>();
        problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DIR)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode node = YamlFiles.readTree(f);
                transcripts.add(new Entry(f.toString(), f, node));
            } else if (name.endsWith(".jsonl")) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        transcripts.add(new Entry(f + ":" + (i + 1), f, Yaml.json().readTree(lines.get(i))));
                    }
                }
            } else if (!name.equals("README.md")) {
                problems.add(f + ": not a transcript file (.yaml, .yml or .jsonl) and not the README");
            }
        }
    }

    @Test
    void everyTranscriptFollowsTheSpecFormat() {
        List<String> found = new ArrayList<>(problems);
        Map<String, String> ids = new HashMap<>();
        for (Entry e : transcripts) {
            checkFormat(e, found);
            String name = e.file().getFileName().toString();
            if (!name.endsWith(".jsonl") && !name.substring(0, name.lastIndexOf('.')).equals(e.id())) {
                found.add(e.where() + ": id '" + e.id() + "' should be the file name without extension, so a report's id leads to its file");
            }
            String earlier = ids.putIfAbsent(e.id(), e.where());
            if (earlier != null) {
                found.add(e.where() + ": id '" + e.id() + "' is already used by " + earlier);
            }
        }
        assertThat(found).as("problems in transcripts/").isEmpty();
    }

    @Test
    void labelsAgreeWithTheDeterministicRules() {
        List<String> found = new ArrayList<>();
        for (Entry e : transcripts) {
            if (e.expect() == null || !e.node.path("messages").isArray()) {
                continue;
            }
            checkKeywords(e, found);
            checkMedia(e, found);
        }
        assertThat(found).as("labels that contradict the keyword and media rules").isEmpty();
    }

    @Test
    void workingHoursCasesFallWhereTheirTagsSay() {
        List<String> found = new ArrayList<>();
        for (Entry e : transcripts) {
            boolean outside = e.tags().contains("outside-hours");
            boolean inside = e.tags().contains("inside-hours");
            if (!outside && !inside) {
                continue;
            }
            if (!e.handoff()) {
                found.add(e.where() + ": working-hours tags are for transcripts that expect a handoff");
                continue;
            }
            List<JsonNode> users = e.userMessages();
            JsonNode at = users.get(Math.min(e.turn(), users.size()) - 1).get("at");
            String when = at != null ? at.asText() : e.node.path("started_at").asText(null);
            if (when == null) {
                found.add(e.where() + ": tagged " + (outside ? "outside" : "inside") + "-hours but user turn " + e.turn()
                        + " has no 'at' (and there is no started_at)");
                continue;
            }
            boolean open = config.workingHours().isOpen(instant(when));
            if (open == outside) {
                found.add(e.where() + ": tagged " + (outside ? "outside" : "inside") + "-hours but " + when + " is "
                        + (open ? "inside" : "outside") + " working hours (Europe/Berlin)");
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void prematureTagMarksExactlyTheLaterTurnHandoffs() {
        List<String> found = new ArrayList<>();
        for (Entry e : transcripts) {
            boolean later = e.handoff() && e.turn() > 1;
            if (later != e.tags().contains("premature")) {
                found.add(e.where() + (later ? ": expect.turn is " + e.turn() + " but the transcript is not tagged premature"
                        : ": tagged premature but no handoff is expected after turn 1"));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theSetCoversWhatTheProjectPromises() {
        assertThat(transcripts).as("labelled conversations written for this project").hasSizeGreaterThanOrEqualTo(60);
        Set<String> criteria = new HashSet<>();
        Set<String> routes = new HashSet<>();
        Map<String, Integer> tags = new HashMap<>();
        int multiTurn = 0;
        int unlabelled = 0;
        int laterTurn = 0;
        int negatives = 0;
        for (Entry e : transcripts) {
            criteria.addAll(e.criteria());
            if (e.expect() != null && e.expect().hasNonNull("route")) {
                routes.add(e.expect().get("route").asText());
            }
            e.tags().forEach(t -> tags.merge(t, 1, Integer::sum));
            if (e.userMessages().size() > 1) {
                multiTurn++;
            }
            if (e.expect() == null) {
                unlabelled++;
            } else if (!e.handoff()) {
                negatives++;
            } else if (e.turn() > 1) {
                laterTurn++;
            }
        }
        assertThat(criteria).as("every active criterion of the example is labelled somewhere")
                .containsAll(config.activeCriteria().stream().map(Criterion::name).toList());
        assertThat(routes).as("every routing profile is expected somewhere")
                .containsAll(config.activeRoutingProfiles().stream().map(RoutingProfile::name).toList());
        assertThat(multiTurn).as("multi-turn conversations").isGreaterThanOrEqualTo(60);
        assertThat(unlabelled).as("unlabelled transcripts (reported, not scored)").isBetween(1, 5);
        assertThat(laterTurn).as("handoffs that only become correct after turn 1").isGreaterThanOrEqualTo(5);
        assertThat(negatives).as("transcripts that expect no handoff").isGreaterThanOrEqualTo(15);
        assertThat(tags).as("tags the README promises").containsKeys("hard-negative", "premature", "outside-hours",
                "inside-hours", "non-native", "keyword-variant", "polite-hard-question", "return-policy");
        assertThat(tags.get("hard-negative")).isGreaterThanOrEqualTo(8);
        assertThat(transcripts).as("some transcripts live in a JSONL file")
                .anyMatch(e -> e.file().getFileName().toString().endsWith(".jsonl"));
    }

    // ---------------------------------------------------------------------------------------

    private static void checkFormat(Entry e, List<String> found) {
        String w = e.where();
        JsonNode t = e.node();
        if (!t.isObject()) {
            found.add(w + ": a transcript is a mapping with id, messages and optionally meta, started_at, expect");
            return;
        }
        unknownKeys(t, TOP_KEYS, w, found);
        if (!t.path("id").isTextual() || t.path("id").asText().isBlank()) {
            found.add(w + ": id is required (a non-empty string)");
        }
        if (t.has("meta")) {
            if (!t.get("meta").isObject()) {
                found.add(w + ": meta must be a mapping");
            } else if (t.get("meta").has("tags") && !allText(t.get("meta").get("tags"))) {
                found.add(w + ": meta.tags must be a list of strings");
            }
        }
        if (t.has("started_at")) {
            timestamp(t.get("started_at"), w + ": started_at", found);
        }
        JsonNode messages = t.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            found.add(w + ": messages is required: a list with at least one message");
            return;
        }
        Instant previous = null;
        int users = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String mw = w + ": messages[" + i + "]";
            if (!m.isObject()) {
                found.add(mw + ": a message is a mapping with role and text");
                continue;
            }
            unknownKeys(m, MESSAGE_KEYS, mw, found);
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                found.add(mw + ".role: '" + role + "' is not one of " + ROLES);
            }
            users += role.equals("user") ? 1 : 0;
            boolean hasMedia = m.has("media");
            if (hasMedia && !MEDIA.contains(m.get("media").asText())) {
                found.add(mw + ".media: '" + m.get("media").asText() + "' is not one of " + MEDIA);
            }
            if (m.has("text") ? !m.get("text").isTextual() || m.get("text").asText().isBlank() : !hasMedia) {
                found.add(mw + ".text: required (non-empty) unless media is set");
            }
            if (m.has("at")) {
                Instant at = timestamp(m.get("at"), mw + ".at", found);
                if (at != null && previous != null && at.isBefore(previous)) {
                    found.add(mw + ".at: " + at + " is before the previous message");
                }
                previous = at != null ? at : previous;
            }
        }
        if (users == 0) {
            found.add(w + ": no user message, so nothing to classify");
        }
        JsonNode expect = t.get("expect");
        if (expect == null) {
            return;
        }
        if (!expect.isObject()) {
            found.add(w + ": expect must be a mapping");
            return;
        }
        unknownKeys(expect, EXPECT_KEYS, w + ": expect", found);
        if (!expect.path("handoff").isBoolean()) {
            found.add(w + ": expect.handoff is required (true or false)");
        }
        boolean handoff = expect.path("handoff").asBoolean(false);
        Set<String> criteria = config.criteria().stream().map(Criterion::name).collect(java.util.stream.Collectors.toSet());
        if (expect.has("criteria")) {
            if (!allText(expect.get("criteria"))) {
                found.add(w + ": expect.criteria must be a list of criterion names");
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode c : expect.get("criteria")) {
                if (!criteria.contains(c.asText())) {
                    found.add(w + ": expect.criteria: '" + c.asText() + "' is not a criterion of " + CONFIG + " " + criteria);
                }
                if (!seen.add(c.asText())) {
                    found.add(w + ": expect.criteria lists '" + c.asText() + "' twice");
                }
            }
            if (!handoff && !expect.get("criteria").isEmpty()) {
                found.add(w + ": expect.criteria is set but expect.handoff is false");
            }
        }
        if (expect.has("turn")) {
            if (!expect.get("turn").canConvertToInt() || !expect.get("turn").isIntegralNumber()) {
                found.add(w + ": expect.turn must be a whole number");
            } else if (expect.get("turn").asInt() < 1 || expect.get("turn").asInt() > users) {
                found.add(w + ": expect.turn " + expect.get("turn").asInt() + " is not a user turn (1.." + users + ")");
            }
            if (!handoff) {
                found.add(w + ": expect.turn is set but expect.handoff is false");
            }
        }
        if (expect.has("route")) {
            String route = expect.get("route").asText();
            if (config.routingProfiles().stream().noneMatch(p -> p.name().equals(route))) {
                found.add(w + ": expect.route '" + route + "' is not a routing profile of " + CONFIG);
            }
            if (!handoff) {
                found.add(w + ": expect.route is set but expect.handoff is false");
            }
        }
    }

    /**
     * The keyword rule fires on a user message containing a configured keyword, so a label must
     * expect it from the first such turn, unless the transcript is tagged as a known keyword
     * false positive. Matching here ignores case, accents and Unicode width, which is how the
     * README tells authors to label.
     */
    private static void checkKeywords(Entry e, List<String> found) {
        List<JsonNode> users = e.userMessages();
        int first = 0;
        for (int k = 1; k <= users.size() && first == 0; k++) {
            String text = fold(users.get(k - 1).path("text").asText(""));
            for (String keyword : config.keywords()) {
                if (wholePhrase(fold(keyword)).matcher(text).find()) {
                    first = k;
                    break;
                }
            }
        }
        boolean listed = e.criteria().contains(Criterion.KEYWORDS);
        boolean knownFalsePositive = e.tags().contains("keyword-false-positive");
        if (first > 0 && !knownFalsePositive) {
            if (!e.handoff() || !(listed || e.criteria().isEmpty()) || e.turn() > first) {
                found.add(e.where() + ": user turn " + first + " contains a keyword, so 'keywords' fires there: expect "
                        + "handoff with 'keywords' among the criteria from turn <= " + first
                        + ", or tag the transcript keyword-false-positive");
            }
        }
        if (listed && first == 0) {
            found.add(e.where() + ": expect.criteria lists 'keywords' but no user message contains a keyword " + config.keywords());
        }
        if (knownFalsePositive && (first == 0 || e.handoff())) {
            found.add(e.where() + ": tagged keyword-false-positive but " + (first == 0 ? "no keyword occurs" : "a handoff is expected"));
        }
    }

    /** Media on a user message always fires media_message; a media label needs media. */
    private static void checkMedia(Entry e, List<String> found) {
        List<JsonNode> users = e.userMessages();
        int first = 0;
        for (int k = 1; k <= users.size(); k++) {
            if (users.get(k - 1).has("media")) {
                first = k;
                break;
            }
        }
        boolean listed = e.criteria().contains(Criterion.MEDIA_MESSAGE);
        if (first > 0 && (!e.handoff() || !(listed || e.criteria().isEmpty()) || e.turn() > first)) {
            found.add(e.where() + ": user turn " + first + " has media, so media_message fires there: expect handoff "
                    + "with media_message from turn <= " + first);
        }
        if (listed && first == 0) {
            found.add(e.where() + ": expect.criteria lists media_message but no user message has media");
        }
    }

    private static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static Pattern wholePhrase(String phrase) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])");
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where, List<String> found) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                found.add(where + ": unknown key '" + key + "' (allowed: " + allowed + ")");
            }
        }
    }

    private static boolean allText(JsonNode list) {
        if (!list.isArray()) {
            return false;
        }
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Instant timestamp(JsonNode node, String where, List<String> found) {
        try {
            return instant(node.asText());
        } catch (DateTimeParseException ex) {
            found.add(where + ": '" + node.asText() + "' is not an ISO-8601 timestamp with offset, e.g. 2025-09-19T12:30:00Z");
            return null;
        }
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }
}
