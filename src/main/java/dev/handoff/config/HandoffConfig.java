package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What replay needs to know of a configuration: the criteria, keywords, working hours and
 * routing profiles. Built leniently from a document (validation is {@code handoff validate}'s
 * job); fields that cannot be understood are left out rather than guessed.
 *
 * @param handoffActive  quickchat {@code settings.is_active}; always true for plugit and caty
 * @param failedAttempts the "after N failed attempts" rule, or null when neither the configuration
 *                       (caty) nor the evaluation settings ask for one
 */
public record HandoffConfig(Provider provider, boolean handoffActive, List<Criterion> criteria, List<String> keywords,
                            WorkingHours workingHours, List<RoutingProfile> routingProfiles, FailedAttempts failedAttempts) {

    public HandoffConfig(Provider provider, boolean handoffActive, List<Criterion> criteria, List<String> keywords,
                         WorkingHours workingHours, List<RoutingProfile> routingProfiles) {
        this(provider, handoffActive, criteria, keywords, workingHours, routingProfiles, null);
    }

    public static HandoffConfig from(LocalConfig local) {
        return from(local.provider(), local.document());
    }

    public static HandoffConfig from(Provider provider, JsonNode doc) {
        return switch (provider) {
            case QUICKCHAT -> fromQuickchat(doc);
            case PLUGIT -> fromPlugit(doc);
            case CATY -> CatyConfig.read(doc);
        };
    }

    /**
     * This configuration with the failed-attempts rule the evaluation settings describe: for a
     * caty file its fallback phrases (the count comes from the file), for any other provider the
     * whole rule, added as the criterion {@code failed_attempts}.
     */
    public HandoffConfig withEvaluationSettings(EvaluationSettings settings) {
        EvaluationSettings.FailedAttemptsSettings rule = settings.failedAttempts();
        if (rule == null) {
            return this;
        }
        List<String> phrases = rule.fallbackPhrases().isEmpty() ? FailedAttempts.DEFAULT_FALLBACK_PHRASES : rule.fallbackPhrases();
        if (failedAttempts != null) {
            return new HandoffConfig(provider, handoffActive, criteria, keywords, workingHours, routingProfiles,
                    new FailedAttempts(failedAttempts.after(), failedAttempts.countFallbacks(), failedAttempts.countRepeats(), phrases));
        }
        if (rule.after() == null || criterion(FailedAttempts.NAME).isPresent()) {
            return this;
        }
        FailedAttempts fa = new FailedAttempts(rule.after(), rule.countFallbacks(), rule.countRepeats(), phrases);
        List<Criterion> all = new ArrayList<>(criteria);
        all.add(new Criterion(FailedAttempts.NAME, fa.describe(), Criterion.Kind.FAILED_ATTEMPTS, true));
        return new HandoffConfig(provider, handoffActive, List.copyOf(all), keywords, workingHours, routingProfiles, fa);
    }

    public List<Criterion> activeCriteria() {
        return criteria.stream().filter(Criterion::active).toList();
    }

    public Optional<Criterion> criterion(String name) {
        return criteria.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<RoutingProfile> activeRoutingProfiles() {
        return routingProfiles.stream().filter(RoutingProfile::active).toList();
    }

    private static HandoffConfig fromQuickchat(JsonNode doc) {
        JsonNode settings = doc.path("settings");
        List<Criterion> criteria = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        settings.path("keywords").forEach(k -> {
            if (k.isTextual() && !k.asText().isBlank()) {
                keywords.add(k.asText());
            }
        });
        if (!keywords.isEmpty()) {
            criteria.add(new Criterion(Criterion.KEYWORDS, "keyword triggers: " + String.join(", ", keywords),
                    Criterion.Kind.KEYWORDS, true));
        }
        doc.path("generic_guidelines").forEach(g -> criteria.add(new Criterion(g.path("name").asText(""),
                g.path("description").asText(""), Criterion.Kind.GENERIC, g.path("is_active").asBoolean(false))));
        doc.path("custom_guidelines").forEach(g -> criteria.add(new Criterion(g.path("name").asText(""),
                g.path("description").asText(""), Criterion.Kind.CUSTOM, g.path("is_active").asBoolean(false))));
        List<RoutingProfile> profiles = new ArrayList<>();
        doc.path("routing_profiles").forEach(p -> {
            List<Long> ids = new ArrayList<>();
            p.path("user_ids").forEach(id -> ids.add(id.asLong()));
            profiles.add(new RoutingProfile(p.path("name").asText(""), p.path("description").asText(""),
                    p.path("is_active").asBoolean(false), List.copyOf(ids)));
        });
        return new HandoffConfig(Provider.QUICKCHAT, settings.path("is_active").asBoolean(true),
                List.copyOf(criteria), List.copyOf(keywords), workingHours(settings, doc.path("availability")), List.copyOf(profiles));
    }

    private static WorkingHours workingHours(JsonNode settings, JsonNode availability) {
        if (!settings.path("working_hours_active").asBoolean(false)) {
            return WorkingHours.ALWAYS;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.path("timezone").asText("UTC"));
        } catch (RuntimeException e) {
            zone = ZoneId.of("UTC");
        }
        List<WorkingHours.Slot> slots = new ArrayList<>();
        for (JsonNode a : availability) {
            try {
                slots.add(WorkingHours.Slot.parse(a.path("day_span").asText(""), a.path("start_time").asText(null),
                        a.path("end_time").asText(null)));
            } catch (IllegalArgumentException ignored) {
                // invalid slots are reported by validate; replay treats them as absent
            }
        }
        return new WorkingHours(true, zone, List.copyOf(slots));
    }

    private static HandoffConfig fromPlugit(JsonNode doc) {
        List<Criterion> criteria = new ArrayList<>();
        doc.path("categories").forEach(c -> criteria.add(new Criterion(c.path("title").asText(""),
                c.path("criteria").asText(""), Criterion.Kind.CATEGORY, true)));
        return new HandoffConfig(Provider.PLUGIT, true, List.copyOf(criteria), List.of(), WorkingHours.ALWAYS, List.of());
    }
}
